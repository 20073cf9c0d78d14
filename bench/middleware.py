"""Bench-only middleware: each response carries the number of SQL queries it ran."""

from django.db import connection

QUERY_HEADER = "X-Bench-Queries"


def count_queries(get_response):
    """Count queries with a database execute wrapper (works with DEBUG off, as in production)."""

    def middleware(request):
        executed = []

        def counter(execute, sql, params, many, context):
            executed.append(1)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = get_response(request)
        response[QUERY_HEADER] = str(len(executed))
        return response

    return middleware

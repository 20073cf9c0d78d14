import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

pytestmark = pytest.mark.django_db


def test_site_urls_have_no_baseline_page():
    with pytest.raises(Resolver404):
        resolve("/_bench/baseline/")


def test_bench_urls_serve_the_baseline_with_a_query_count(client, settings):
    settings.ROOT_URLCONF = "bench.urls"
    settings.MIDDLEWARE = ["bench.middleware.count_queries", *settings.MIDDLEWARE]

    response = client.get("/_bench/baseline/")

    assert response.status_code == 200
    assert b"<h1>Baseline</h1>" in response.content
    assert "X-Bench-Queries" in response


def test_bench_query_header_counts_the_queries_of_a_real_page(client, settings):
    settings.ROOT_URLCONF = "bench.urls"
    settings.DALIL_PAGE_CACHE_SECONDS = 0  # a rendered page, not one served from the cache
    settings.MIDDLEWARE = ["bench.middleware.count_queries", *settings.MIDDLEWARE]

    client.get("/en/questions/")
    with CaptureQueriesContext(connection) as executed:
        response = client.get("/en/questions/")

    assert response.status_code == 200
    assert int(response["X-Bench-Queries"]) == len(executed) > 0

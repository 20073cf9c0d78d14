"""The frame of Dalil's admin reports: Wagtail's ``ReportView`` with downloads that speak the
language of the page they come from."""

import datetime

from wagtail.admin.views.reports import ReportView


class AdminReport(ReportView):
    """A report in the Wagtail admin: filters, pagination and ``?export=csv`` / ``?export=xlsx``
    downloads of ``list_export``, headed by ``export_headings``.

    Wagtail streams a CSV after the view has returned, when the admin's language (the person's
    preference, activated around the view) is no longer active, so the headings and translated
    values would come out in the site's default language; the lines are written while the view
    runs instead. Reports are bounded lists, so holding them costs little."""

    export_filename = "report"
    # A time in a CSV reads as ISO 8601 to the second, in UTC with its offset
    # ("2026-12-03T19:06:40+00:00"), which spreadsheets parse, rather than Python's str() of it.
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        datetime.datetime: {
            **ReportView.custom_value_preprocess[datetime.datetime],
            ReportView.FORMAT_CSV: lambda value: (
                value.astimezone(datetime.UTC).replace(microsecond=0).isoformat()
            ),
        },
    }

    def get(self, request, *args, **kwargs):
        self.object_list = self.get_filtered_queryset()
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        """Wagtail decorates the page's rows after building the context; here they are
        decorated first, so a report's own context (rows with histories, labels) can use them."""
        context = super().get_context_data(**kwargs)
        context["object_list"] = self.decorate_paginated_queryset(context["object_list"])
        return context

    def get_filename(self):
        return f"{self.export_filename}-{datetime.date.today():%Y-%m-%d}"

    def stream_csv(self, queryset):
        return iter(list(super().stream_csv(queryset)))

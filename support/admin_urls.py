"""The support desk's admin pages, mounted at /admin/support/ (namespace support_admin)."""

from django.urls import path

from . import admin_views

app_name = "support_admin"

urlpatterns = [
    path("", admin_views.CasesReportView.as_view(), name="cases"),
    path("results/", admin_views.CasesReportView.as_view(results_only=True), name="cases_results"),
    path("assign/", admin_views.assign, name="assign"),
    path("<int:pk>/", admin_views.case_detail, name="case"),
    path("<int:pk>/claim/", admin_views.claim, name="claim"),
    path("<int:pk>/state/", admin_views.change_state, name="state"),
    path("<int:pk>/priority/", admin_views.change_priority, name="priority"),
    path("<int:pk>/notes/", admin_views.add_note, name="add_note"),
]

"""URLs of moderation's admin pages, mounted at /admin/moderation/ (namespace moderation_admin)."""

from django.urls import path

from . import admin_views, stale_admin_views

app_name = "moderation_admin"

urlpatterns = [
    path("", admin_views.QueueView.as_view(), name="queue"),
    path("results/", admin_views.QueueView.as_view(results_only=True), name="queue_results"),
    path("items/<int:pk>/", admin_views.item_detail, name="item"),
    path("items/<int:pk>/decide/", admin_views.decide, name="decide"),
    path("items/<int:pk>/edit/", admin_views.edit, name="edit"),
    path("bulk/", admin_views.bulk, name="bulk"),
    path("audit/", admin_views.AuditLogView.as_view(), name="audit"),
    path(
        "audit/results/", admin_views.AuditLogView.as_view(results_only=True), name="audit_results"
    ),
    path("suspensions/", admin_views.suspensions, name="suspensions"),
    path("suspensions/<int:pk>/lift/", admin_views.lift, name="lift"),
    path("people/<int:pk>/", admin_views.person, name="person"),
    path("stale/", stale_admin_views.NeedsReviewView.as_view(), name="stale"),
    path(
        "stale/results/",
        stale_admin_views.NeedsReviewView.as_view(results_only=True),
        name="stale_results",
    ),
    path("stale/<int:pk>/reviewed/", stale_admin_views.mark_reviewed, name="stale_reviewed"),
    path("stale/<int:pk>/dismiss/", stale_admin_views.dismiss, name="stale_dismiss"),
    path("stale/<int:pk>/reassign/", stale_admin_views.reassign, name="stale_reassign"),
    path("stale/<int:pk>/archive/", stale_admin_views.archive, name="stale_archive"),
    path("stale/<int:pk>/report/", stale_admin_views.report, name="stale_report"),
]

from django.urls import path

from . import admin_views

app_name = "insights_admin"
urlpatterns = [
    path("", admin_views.index, name="index"),
    path("figures/<slug:key>.csv", admin_views.export, name="export"),
    path("searches/<slug:key>.csv", admin_views.export_gaps, name="export_gaps"),
    path("summary/", admin_views.summary, name="summary"),
]

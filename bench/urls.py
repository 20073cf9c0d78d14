"""The bench URLconf: the whole site plus the baseline page (bench settings only)."""

from django.urls import path

from website.urls import urlpatterns as site_patterns

from . import views

urlpatterns = [path("_bench/baseline/", views.baseline, name="bench_baseline"), *site_patterns]

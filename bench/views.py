"""The baseline page of the benchmark: what Django costs before Dalil does anything."""

from django.shortcuts import render


def baseline(request):
    """A bare view rendering a small template, served by the same gunicorn as the site."""
    return render(request, "bench/baseline.html", {"items": range(10)})

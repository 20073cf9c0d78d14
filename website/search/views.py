"""The search page, the similar-questions endpoint for the ask form, and click-through."""

from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from . import presentation, selectors
from .analytics import record_click, record_search
from .forms import SearchForm, SimilarForm

PER_PAGE = 10


def _noindex(response):
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def results(request):
    form, options_dropped = SearchForm.for_request(request.GET, languages=settings.LANGUAGES)
    context = {"form": form, "options_dropped": options_dropped, "query": "", "results": None}
    if form.is_valid() and form.cleaned_data["q"]:
        data, locale = form.cleaned_data, get_language()
        found = selectors.search(
            data["q"],
            locale=locale,
            filters=form.filters,
            page=data["page"] or 1,
            per_page=PER_PAGE,
            all_languages=data["all"],
        )
        if found.page == 1 and not any(form.filters.values()):
            record_search(query=data["q"], locale=locale, result_count=found.total)
        context.update(presentation.results_context(found, form))
    return _noindex(render(request, "search/results.html", context))


@require_GET
def similar(request):
    form = SimilarForm(request.GET)
    if not form.is_valid():
        return _noindex(JsonResponse({"error": form.errors["q"][0], "results": []}, status=400))
    hits = selectors.similar(form.cleaned_data["q"], locale=get_language(), limit=5)
    payload = [
        {
            "title": hit.title,
            "url": hit.url,
            "kind": hit.kind,
            "kind_label": str(presentation.KIND_LABELS.get(hit.kind, hit.kind)),
            "solved": hit.solved,
        }
        for hit in hits
    ]
    return _noindex(JsonResponse({"results": payload}))


@require_GET
def click(request):
    """Count a click on a result, then go to it; only indexed documents' URLs are reachable."""
    try:
        position = int(request.GET.get("position", 0))
    except ValueError:
        position = 0
    url = record_click(
        query=request.GET.get("q", "")[:200],
        kind=request.GET.get("kind", "")[:20],
        object_id=request.GET.get("id", "")[:64],
        position=position,
    )
    return _noindex(HttpResponseRedirect(url or reverse("search:results")))

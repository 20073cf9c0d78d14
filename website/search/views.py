"""The search page, the similar-questions endpoint for the ask form, and click counting."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from ..insights.counting import note
from . import presentation, selectors
from .analytics import normalised_query, record_search, record_shown_click
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
            note(
                request,
                "search",
                language=locale,
                query=normalised_query(data["q"]),
                result_count=found.total,
            )
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


@csrf_exempt
@require_POST
def click(request):
    """Count a click on a result: the browser posts the link's token in the background
    (search-clicks.js, `navigator.sendBeacon`) while it follows the link to the page itself.

    Only analytics are written, and only for a signed token the search page made, so the post
    needs no CSRF token (a beacon carries none); it answers 204, or 400 to anything else, and
    redirects nowhere."""
    recorded = record_shown_click(request.POST.get("token", "")[:2000])
    return _noindex(HttpResponse(status=204 if recorded else 400))

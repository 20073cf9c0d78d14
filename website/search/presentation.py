"""Turning search results into what the search page shows: facet links, page links, labels."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .analytics import click_token

KIND_LABELS = {"article": _("Article"), "thread": _("Question")}
FACET_TITLES = {
    "kind": _("Type"),
    "category": _("Category"),
    "tag": _("Tags"),
    "solved": _("Status"),
    "locale": _("Language"),
}
SOLVED_LABELS = {"true": _("Solved"), "false": _("Unsolved")}
FILTER_NAMES = ("kind", "category", "tag", "solved", "locale")


def value_label(facet: str, value: str) -> str:
    if facet == "kind":
        return KIND_LABELS.get(value, value)
    if facet == "solved":
        return SOLVED_LABELS.get(value, value)
    if facet == "locale":
        return dict(settings.LANGUAGES).get(value, value)
    return value


def query_string(params: dict) -> str:
    pairs = []
    for key, value in params.items():
        for item in value if isinstance(value, list) else [value]:
            if item not in (None, "", False):
                pairs.append((key, "1" if item is True else item))
    return "?" + urlencode(pairs)


def current_params(form) -> dict:
    data = form.cleaned_data
    params = {"q": data["q"]}
    for name in FILTER_NAMES:
        params[name] = data[name] if isinstance(data[name], list) else data[name] or ""
    params["all"] = data["all"]
    return params


def facet_groups(facets: dict, params: dict) -> list[dict]:
    """Each facet with its values, counts, whether selected and the link that toggles it."""
    groups = []
    for name, values in facets.items():
        selected = params.get(name) or []
        selected = selected if isinstance(selected, list) else [selected]
        options = []
        for value, count in values:
            is_selected = value in selected
            toggled = [v for v in selected if v != value] if is_selected else selected + [value]
            if name == "solved":
                toggled = [] if is_selected else [value]
            link = query_string({**params, name: toggled})
            options.append(
                {
                    "value": value,
                    "label": value_label(name, value),
                    "count": count,
                    "selected": is_selected,
                    "url": link,
                }
            )
        if options:
            groups.append({"name": name, "title": FACET_TITLES[name], "options": options})
    return groups


def page_links(results, params: dict) -> dict:
    links = {}
    if results.page > 1:
        links["previous"] = query_string({**params, "page": results.page - 1})
    if results.page < results.page_count:
        links["next"] = query_string({**params, "page": results.page + 1})
    return links


def ask_url(query: str) -> str:
    """The forum's ask form with the query as the title."""
    return reverse("forum:ask") + query_string({"title": query})


def result_rows(results, query: str) -> list[dict]:
    """Each hit with its type label and the token that counts a click on its link."""
    offset = (results.page - 1) * results.per_page
    return [
        {
            "hit": hit,
            "kind_label": KIND_LABELS.get(hit.kind, hit.kind),
            "click_token": click_token(
                query=query, kind=hit.kind, object_id=hit.object_id, position=offset + number
            ),
        }
        for number, hit in enumerate(results.hits, 1)
    ]


def results_context(results, form) -> dict:
    """Everything the search page shows about one page of results."""
    query = form.cleaned_data["q"]
    params = current_params(form)
    return {
        "query": query,
        "results": results,
        "params": params,
        "facet_groups": facet_groups(results.facets, params),
        "page_links": page_links(results, params),
        "suggestion_url": results.suggestion and query_string({"q": results.suggestion}),
        "rows": result_rows(results, query),
        "ask_url": ask_url(query),
    }

"""The "Insights" area of the Wagtail admin: each figure as a chart with its table, content
gaps, CSV downloads of every table, and the weekly summary switch."""

import csv

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required

from forum.models import Category
from kb.models import ArticlePage, KnowledgeBaseIndexPage
from moderation.selectors import language_name

from . import charts, figures, services, surveys
from .counting import today
from .forms import InsightsFilterForm
from .models import SummarySubscription
from .rules import VIEW_INSIGHTS

PERIODS_SHOWN = 12
staff_only = permission_required(VIEW_INSIGHTS)

# Each content-gap list and the column it ranks by (`figures.content_gaps`).
GAP_LISTS = {"then_asked": "asked", "no_results": "empty", "no_click": "unopened"}


def _gap_titles() -> dict[str, str]:
    return {
        "then_asked": _("Searches most often followed by a question"),
        "no_results": _("Searches that found nothing"),
        "no_click": _("Searches whose results nobody opened"),
    }


def _series_names(kind: str, count: int) -> tuple[str, str]:
    """The chart's two lines: these periods and the same number before them."""
    if kind == figures.MONTH:
        return (
            ngettext("The last %(count)s month", "The last %(count)s months", count),
            ngettext("The %(count)s month before", "The %(count)s months before", count),
        )
    return (
        ngettext("The last %(count)s week", "The last %(count)s weeks", count),
        ngettext("The %(count)s week before", "The %(count)s weeks before", count),
    )


def _chart(series: figures.Series, kind: str, rtl: bool) -> str:
    figure = series.figure
    count = len(series.run)
    current, previous = (name % {"count": count} for name in _series_names(kind, count))
    return charts.line_chart(
        labels=[period.label for period in series.run],
        series=[
            charts.Series(current, series.values, style="current"),
            charts.Series(previous, series.earlier, style="previous"),
        ],
        title=str(figure.label),
        # The titles name their unit ("hours"); only a percentage is marked on the axis.
        unit=figure.unit if figure.unit == "%" else "",
        rtl=rtl,
    )


@staff_only
def index(request):
    form = InsightsFilterForm(request.GET or None)
    kind, scope = form.choices()
    day = today()
    rtl = translation.get_language_bidi()
    cards = [
        {
            "series": series,
            "rows": series.rows(),
            "chart": _chart(series, kind, rtl),
            "export": f"{reverse('insights_admin:export', args=[series.figure.key])}?"
            + request.GET.urlencode(),
            "scoped": series.figure.per_category or not scope.category_id,
        }
        for series in figures.compute_all(kind=kind, count=PERIODS_SHOWN, scope=scope, today=day)
    ]
    report_period = figures.periods(kind, 1, today=day)[0]
    gaps = figures.content_gaps(period=report_period, language=scope.language)
    open_count, open_age = figures.unanswered_age(scope=scope, now=timezone.now())
    index_pages = _knowledge_base_pages()
    satisfaction = _satisfaction_tables(report_period, scope)
    context = {
        "page_title": _("Insights"),
        "form": form,
        "cards": cards,
        "report_period": report_period,
        "gaps": [
            {
                "key": key,
                "title": title,
                "rows": [_gap_row(row, key, index_pages) for row in gaps[key]],
                "export": f"{reverse('insights_admin:export_gaps', args=[key])}?"
                + request.GET.urlencode(),
            }
            for key, title in _gap_titles().items()
        ],
        "satisfaction": satisfaction,
        "open_count": open_count,
        "open_age": open_age,
        "subscribed": SummarySubscription.objects.filter(user=request.user).exists(),
    }
    return TemplateResponse(request, "insights/admin/index.html", context)


def _satisfaction_tables(period: figures.Period, scope: figures.Scope) -> list[dict]:
    """The period's satisfaction per category, language, support-staff member and promoted
    article, each row named (one query per grouping and one per kind of name)."""
    filters = {"language": scope.language or None, "category_id": scope.category_id}
    found = {
        group: surveys.satisfaction(period.since, period.until, group_by=group, **filters)
        for group in ("category", "language", "staff", "article")
    }
    categories = {
        c.pk: c.name
        for c in Category.objects.filter(
            pk__in=[row["category_id"] for row in found["category"] if row["category_id"]]
        )
    }
    people = {
        p.pk: p.public_name
        for p in get_user_model()
        .objects.filter(pk__in=[row["staff_id"] for row in found["staff"]])
        .only("pk", "display_name", "username")
    }
    articles = dict(
        ArticlePage.objects.filter(
            pk__in=[row["article_id"] for row in found["article"]]
        ).values_list("pk", "title")
    )
    names = {
        "category": lambda row: categories.get(row["category_id"], _("No category")),
        "language": lambda row: language_name(row["language"]),
        "staff": lambda row: people.get(row["staff_id"], _("Deleted user")),
        "article": lambda row: articles.get(row["article_id"], "—"),
    }
    titles = {
        "category": _("Per category"),
        "language": _("Per language"),
        "staff": _("Per support-staff member (cases)"),
        "article": _("Per promoted article"),
    }
    columns = {
        "category": _("Category"),
        "language": _("Language"),
        "staff": _("Staff member"),
        "article": _("Article"),
    }
    return [
        {
            "key": group,
            "title": titles[group],
            "column": columns[group],
            "articles": group == "article",
            "rows": [{**row, "name": names[group](row)} for row in rows],
        }
        for group, rows in found.items()
    ]


def _knowledge_base_pages() -> dict[str, int]:
    """Each language's knowledge-base index page, where "Write an article" starts."""
    return dict(
        KnowledgeBaseIndexPage.objects.values_list("locale__language_code", "pk").order_by("pk")
    )


def _gap_row(row: dict, key: str, index_pages: dict[str, int]) -> dict:
    count_field = GAP_LISTS[key]
    index_page = index_pages.get(row["language"])
    with translation.override(row["language"]):
        search = reverse("search:results")
    return {
        "query": row["query"],
        "language": row["language"],
        "language_name": language_name(row["language"]),
        "searches": row["total"],
        "count": row[count_field],
        "write_url": reverse("wagtailadmin_explore", args=[index_page]) if index_page else "",
        "promote_url": f"{search}?{urlencode({'q': row['query'], 'kind': 'question'})}",
    }


def _safe(value) -> str:
    """A cell a spreadsheet shows as text: a query typed as ``=HYPERLINK(…)`` is not run."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv(filename: str, header: list[str], rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # spreadsheets read the Arabic right only with the byte-order mark
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe(cell) for cell in row])
    return response


@staff_only
def export(request, key: str):
    figure = figures.BY_KEY.get(key)
    if figure is None:
        raise Http404
    kind, scope = InsightsFilterForm(request.GET or None).choices()
    series = figures.compute(figure, kind=kind, count=PERIODS_SHOWN, scope=scope, today=today())
    return _csv(
        f"insights-{key}-{kind}",
        [_("Period"), _("From"), _("To"), str(figure.label), _("Period before"), _("Change")],
        (
            [
                row.period.label,
                row.period.start.isoformat(),
                (row.period.end - timezone.timedelta(days=1)).isoformat(),
                row.value,
                row.previous,
                row.change,
            ]
            for row in series.rows()
        ),
    )


@staff_only
def export_gaps(request, key: str):
    if key not in GAP_LISTS:
        raise Http404
    kind, scope = InsightsFilterForm(request.GET or None).choices()
    period = figures.periods(kind, 1, today=today())[0]
    rows = figures.content_gaps(period=period, language=scope.language, limit=500)[key]
    count_field = GAP_LISTS[key]
    return _csv(
        f"insights-{key}-{period.label}",
        [_("Search"), _("Language"), _("Searches"), _gap_titles()[key]],
        ([row["query"], row["language"], row["total"], row[count_field]] for row in rows),
    )


@staff_only
@require_POST
def summary(request):
    subscribed = request.POST.get("subscribe") == "on"
    services.set_summary_subscription(actor=request.user, subscribed=subscribed)
    messages.success(
        request,
        _("You will get the insights summary every Monday.")
        if subscribed
        else _("You will no longer get the insights summary."),
    )
    return redirect("insights_admin:index")

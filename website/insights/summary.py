"""The weekly insights summary: the five figures that moved most last week, by email to the
support leads who asked for it (the switch on the Insights page), in each one's language."""

from datetime import date, timedelta

from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from forum.notifications import deliver_email
from moderation.links import absolute_url

from . import figures
from .models import SummarySubscription
from .rules import can_see_insights

SHOWN = 5


def movers(*, today: date, count: int = SHOWN) -> list[tuple[figures.Figure, figures.Row]]:
    """Last complete week's figures with the largest change against the week before, relative
    to where each stood (a figure that rose from nothing counts as doubled)."""
    moved = []
    for series in figures.compute_all(
        kind=figures.WEEK, count=1, scope=figures.Scope(), today=today
    ):
        row = series.latest
        if row.change:
            relative = row.relative_change
            moved.append((abs(relative) if relative is not None else 1.0, series.figure, row))
    moved.sort(key=lambda item: item[0], reverse=True)
    return [(figure, row) for _size, figure, row in moved[:count]]


def send_weekly(*, today: date) -> int:
    """Send this week's summary to each subscriber not sent it yet; returns how many went.
    Run on any day of the week, it sends once: ``last_sent_for`` holds the week's Monday."""
    monday = today - timedelta(days=today.weekday())
    due = SummarySubscription.objects.filter(
        Q(last_sent_for__isnull=True) | Q(last_sent_for__lt=monday)
    ).select_related("user")
    sent = 0
    rows = None
    for subscription in due:
        person = subscription.user
        if not can_see_insights(person) or not person.email:
            continue
        rows = rows if rows is not None else movers(today=today)
        with translation.override(person.language):
            context = {
                "person": person,
                "movers": [
                    {
                        "label": str(figure.label),
                        "unit": figure.unit,
                        "row": row,
                        "better": figure.better,
                    }
                    for figure, row in rows
                ],
                "week": figures.periods(figures.WEEK, 1, today=today)[0],
                "insights_url": absolute_url(reverse("insights_admin:index")),
            }
            subject = render_to_string("insights/email/summary_subject.txt", context)
            body = render_to_string("insights/email/summary.txt", context)
        deliver_email(subject=" ".join(subject.split()), body=body, address=person.email)
        SummarySubscription.objects.filter(pk=subscription.pk).update(last_sent_for=monday)
        sent += 1
    return sent

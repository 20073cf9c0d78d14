"""``{% stale_answer_months question answer as months %}``: how many months old the accepted answer
is, when the stale-content sweep found it too old for its category (otherwise None)."""

from django import template
from django.utils import timezone

from moderation.selectors import open_stale_signal

from ..stale import ANSWER_TOO_OLD, answer_age_months

register = template.Library()


@register.simple_tag
def stale_answer_months(question, answer) -> int | None:
    if question.accepted_answer_id != answer.pk:
        return None
    if open_stale_signal(question, ANSWER_TOO_OLD) is None:
        return None
    return answer_age_months(answer, now=timezone.now())

"""Times as people read them and as machines parse them.

`age` is Django's `timesince` to one unit ("3 days", not "3 days, 2 hours"). Its unit strings
reuse Django's own message ids, so this app's Arabic catalogue (which Django consults before its
own) gives every Arabic count its grammatical form: "يوم"، "يومين"، "3 أيام"، "11 يومًا".

`rounded_up` says a duration in one unit, rounded up ("usually within 3 hours" for 2 h 10 min):
a promise of a wait should not undersell it.
`waiting_for` is how long a review item has waited, "less than a minute" in its first minute;
`membership` is an author's account age for moderators, "Joined just now" in its first minute.

`machine_time` is the `datetime` attribute of `<time>`: ISO 8601 in the site's time zone, to the
second (the HTML standard allows at most milliseconds, and `date:'c'` prints microseconds).
"""

import math

from django import template
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext, ngettext_lazy

register = template.Library()

TIME_STRINGS = {
    "year": ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    "month": ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    "week": ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    "day": ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    "hour": ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    "minute": ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
}


@register.filter
def age(value):
    """`{{ post.created_at|age }}` → "3 days" / "3 أيام": the largest unit only."""
    if not value:
        return ""
    return timesince(value, time_strings=TIME_STRINGS, depth=1)


@register.filter
def waiting_for(value):
    """`{{ item.created_at|waiting_for }}`: `age`, or "less than a minute" in the first minute
    (never "0 minutes")."""
    if not value:
        return ""
    if (timezone.now() - value).total_seconds() < 60:
        return gettext("less than a minute")
    return age(value)


@register.filter
def membership(joined):
    """`{{ history.joined|membership }}` → "Member for 3 days", or "Joined just now" in an
    account's first minute, where `age` would say "0 minutes" (Arabic "0 دقيقة")."""
    if not joined:
        return ""
    if (timezone.now() - joined).total_seconds() < 60:
        return gettext("Joined just now")
    return gettext("Member for %(age)s") % {"age": age(joined)}


@register.filter
def machine_time(value):
    """`<time datetime="{{ value|machine_time }}">`: e.g. 2026-12-03T09:15:02+00:00."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat(timespec="seconds")


@register.filter
def rounded_up(value):
    """`{{ wait|rounded_up }}` for a timedelta → "3 hours" / "3 ساعات": minutes under an hour,
    hours under a day, then days."""
    if value is None:
        return ""
    minutes = max(1, math.ceil(value.total_seconds() / 60))
    if minutes < 60:
        return TIME_STRINGS["minute"] % {"num": minutes}
    hours = math.ceil(minutes / 60)
    if hours < 24:
        return TIME_STRINGS["hour"] % {"num": hours}
    return TIME_STRINGS["day"] % {"num": math.ceil(hours / 24)}

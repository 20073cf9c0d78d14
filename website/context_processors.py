from moderation.models import Notification

from .sections import site_links
from .staff_mfa import acts_as_customer


def links(request):
    """Named links for the site frame (ask, search, questions, knowledge base), whether to ask a
    staff member to set up two-factor authentication, and a logged-in person's unread
    notifications (both evaluated only if the frame asks, so an anonymous page never touches
    the session or the database for them)."""
    return {
        "site_links": site_links(request),
        "staff_mfa_prompt": lambda: _staff_mfa_prompt(request),
        "unread_notification_count": lambda: _unread_notification_count(request),
    }


def _unread_notification_count(request) -> int:
    """The header's badge: one count query, asked only for a logged-in person (anonymous pages
    never ask, so the page cache stores them unchanged)."""
    user = request.user
    if not user.is_authenticated:
        return 0
    return Notification.objects.for_user(user).unread().count()


def _staff_mfa_prompt(request) -> bool:
    match = getattr(request, "resolver_match", None)
    name = (match.url_name or "") if match else ""
    on_the_way_to_setup = name.startswith("mfa_") or name == "account_reauthenticate"
    return not on_the_way_to_setup and acts_as_customer(request.user)

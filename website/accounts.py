"""How allauth treats Dalil's accounts."""

from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils.translation import gettext


def user_display(user) -> str:
    """How allauth names a person in its messages ("Signed in as …"): the public name, never the
    internal username or the email address."""
    return user.public_name


class AccountAdapter(DefaultAccountAdapter):
    """Sends people to the home page in the language they chose after logging in, and signs
    account mail with the help center's name instead of the host it was reached on."""

    def get_login_redirect_url(self, request):
        language = getattr(request.user, "preferred_language", "") or ""
        if language in dict(settings.LANGUAGES):
            return f"/{language}/"
        return super().get_login_redirect_url(request)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        site = SimpleNamespace(
            name=gettext("Dalil help center"), domain=get_current_site(request).domain
        )
        super().send_mail(template_prefix, email, {"current_site": site, **context})

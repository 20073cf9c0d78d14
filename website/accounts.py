"""How allauth treats Dalil's accounts."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    """Sends people to the home page in the language they chose after logging in."""

    def get_login_redirect_url(self, request):
        language = getattr(request.user, "preferred_language", "") or ""
        if language in dict(settings.LANGUAGES):
            return f"/{language}/"
        return super().get_login_redirect_url(request)

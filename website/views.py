"""Site-wide views: profiles, the language fallback, and error pages."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from moderation.posting import Suspended

from .forms import ProfileForm
from .sections import collect
from .services import EmailConfirmation, send_email_confirmation_again, update_profile


def profile(request, pk: int):
    person = get_object_or_404(get_user_model(), pk=pk, is_active=True)
    response = render(
        request,
        "website/profile.html",
        {
            "person": person,
            "sections": collect("dalil_profile_sections", person, viewer=request.user),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
def profile_edit(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            update_profile(user=request.user, actor=request.user, **form.cleaned_data)
        except Suspended as error:
            form.add_error(None, error.message)
            status = 403
        except ValidationError as error:
            form.add_error(None, error)
            status = 400
        else:
            messages.success(request, _("Your profile was saved."))
            return redirect("website:profile_edit")
    return render(request, "website/profile_edit.html", {"form": form}, status=status)


def translation_missing(request, page_id: int):
    """Where the language switcher goes when a page has no translation in this language yet."""
    original = get_object_or_404(Page.objects.live().public().specific(), pk=page_id)
    translations = original.get_translations().live().public().select_related("locale")
    response = render(
        request,
        "website/translation_missing.html",
        {"original": original, "translations": translations, "language": get_language()},
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def email_confirmed(request):
    """Where a confirmation link opened in another browser lands: the address is confirmed, and
    the person logs in here (allauth logs in only the browser that signed up)."""
    response = render(request, "website/email_confirmed.html")
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_POST
def ask_for_confirmation_email(request):
    outcome = send_email_confirmation_again(request=request, actor=request.user)
    if outcome is EmailConfirmation.NOTHING_TO_CONFIRM:
        messages.info(request, _("Your email address is already confirmed."))
    elif outcome is EmailConfirmation.TOO_SOON:
        messages.warning(
            request,
            _(
                "We sent you a confirmation email a few minutes ago. Check your inbox and your "
                "spam folder, or ask again in a few minutes."
            ),
        )
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("account_email")

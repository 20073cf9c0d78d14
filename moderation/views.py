"""Public pages: a member's notifications, and the flag form for any registered content."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .actions import notifications as notification_actions
from .actions.flags import flag_post
from .adapters import is_content_type_registered, is_public
from .forms import EmailPreferencesForm, FlagForm
from .models import Notification
from .posting import RateLimited, Suspended


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def refused_response(request, error, *, status: int, template: str = "moderation/refused.html"):
    """A refusal (rate limit, suspension) as JSON or as a page, with Retry-After when known."""
    retry_after = getattr(error, "retry_after", None)
    if wants_json(request):
        response = JsonResponse({"error": error.message, "retry_after": retry_after}, status=status)
    else:
        response = render(request, template, {"message": error.message}, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


NOTIFICATIONS_PER_PAGE = 20


@login_required
def notifications(request):
    """A person's notices, newest first, a page at a time (two queries: the count, the page)."""
    page = Paginator(Notification.objects.for_user(request.user), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"page_obj": page, "notifications": page.object_list}
    response = render(request, "moderation/notifications.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_POST
def mark_one_read(request, pk: int):
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    notification_actions.mark_one_read(notification=notification, actor=request.user)
    return redirect("moderation:notifications")


@login_required
def email_preferences(request):
    """How each kind of notice reaches the person by email."""
    current = notification_actions.email_preferences(request.user)
    form = EmailPreferencesForm(request.POST or None, initial=current)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            notification_actions.set_email_preferences(
                user=request.user, actor=request.user, choices=form.cleaned_data
            )
            messages.success(request, _("Your email choices were saved."))
            return redirect("moderation:email_preferences")
        status = 400
    response = render(request, "moderation/email_preferences.html", {"form": form}, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def email_off(request, token: str):
    """The link in every notification email: GET asks, POST turns that kind's email off."""
    try:
        _user_id, kind = notification_actions.read_email_off_token(token)
    except signing.BadSignature:
        return render(request, "moderation/email_off.html", {"invalid": True}, status=400)
    label = Notification.Kind(kind).label
    done = False
    if request.method == "POST":
        try:
            notification_actions.turn_email_off(token=token)
        except signing.BadSignature:
            return render(request, "moderation/email_off.html", {"invalid": True}, status=400)
        done = True
    response = render(request, "moderation/email_off.html", {"kind_label": label, "done": done})
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
def open_notification(request, pk: int):
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    target_url = notification_actions.open_notification(
        notification=notification, actor=request.user
    )
    if not url_has_allowed_host_and_scheme(target_url, allowed_hosts={request.get_host()}):
        target_url = ""
    return redirect(target_url or "moderation:notifications")


@login_required
@require_POST
def mark_read(request):
    notification_actions.mark_notifications_read(user=request.user, actor=request.user)
    return redirect("moderation:notifications")


@login_required
def flag(request, content_type_id: int, object_id: int):
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    if not is_content_type_registered(content_type):
        raise Http404
    target = get_object_or_404(content_type.model_class(), pk=object_id)
    if not is_public(target):  # the post and its whole thread, or nothing is shown
        raise Http404
    form = FlagForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            flag_post(target=target, actor=request.user, **form.cleaned_data)
        except RateLimited as error:
            return refused_response(request, error, status=429)
        except Suspended as error:
            return refused_response(request, error, status=403)
        except PermissionDenied as error:
            form.add_error(None, str(error))
            status = 403
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if wants_json(request):
                return JsonResponse({"flagged": True})
            messages.success(request, _("Thank you. Moderators will look at this post."))
            return redirect(target.get_absolute_url())
    if wants_json(request) and request.method == "POST":
        status = status if status != 200 else 400
        return JsonResponse({"errors": form.errors.get_json_data()}, status=status)
    return render(request, "moderation/flag.html", {"form": form, "target": target}, status=status)

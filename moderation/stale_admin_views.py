"""The "Needs review" report of stale content and its actions, in the Wagtail admin.

Every view requires ``moderation.review_stale`` (support staff). Actions are POSTs that call the
services in ``moderation.services`` and come back to the report with a message.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_denied

from . import scheduler, selectors, services, stale
from .forms import (
    StaleDismissForm,
    StaleFilterForm,
    StaleReassignForm,
    StaleReportForm,
    StaleReviewForm,
)
from .models import StaleItem, StaleSignal

PAGE_SIZE = 50


def stale_reviewers_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("moderation.review_stale"):
            return permission_denied(request)
        return view(request, *args, **kwargs)

    return wrapper


def _back(request):
    url = request.POST.get("next", "")
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return redirect(url)
    return redirect("moderation_admin:stale")


def _run(request, action, success: str):
    try:
        action()
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, success)
    return _back(request)


@stale_reviewers_only
def needs_review(request):
    form = StaleFilterForm(
        request.GET or None,
        choices=selectors.stale_filter_choices(),
        signals=stale.all_signal_codes(),
        kinds=stale.all_kinds(),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    items = selectors.stale_queue(
        owner_id=filters.get("owner"),
        category=filters.get("category", ""),
        locale=filters.get("locale", ""),
        signal=filters.get("signal", ""),
        kind=filters.get("kind", ""),
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("p"))
    last_sweep = scheduler.last_run(scheduler.STALE_SWEEP)
    context = {
        "form": form,
        "page_obj": page,
        "rows": selectors.stale_rows(page.object_list),
        "review_form": StaleReviewForm(),
        "owners": list(stale_owner_choices()),
        "last_sweep": last_sweep,
        "last_checked": last_checked(last_sweep.last_finished_at) if last_sweep else "",
    }
    return TemplateResponse(request, "moderation/admin/stale.html", context)


def last_checked(when, *, now=None) -> str:
    """ "Last checked 3 minutes ago" in the largest whole unit, with the language's own plural
    forms (Django's Arabic catalogue says "منذ 2 دقيقة" where Arabic says "قبل دقيقتين")."""
    minutes = int(((now or timezone.now()) - when).total_seconds() // 60)
    if minutes < 1:
        return _("Last checked less than a minute ago.")
    if minutes < 60:
        text = ngettext(
            "Last checked %(count)d minute ago.", "Last checked %(count)d minutes ago.", minutes
        )
        return text % {"count": minutes}
    hours = minutes // 60
    if hours < 24:
        text = ngettext(
            "Last checked %(count)d hour ago.", "Last checked %(count)d hours ago.", hours
        )
        return text % {"count": hours}
    days = hours // 24
    text = ngettext("Last checked %(count)d day ago.", "Last checked %(count)d days ago.", days)
    return text % {"count": days}


def stale_owner_choices():
    """Everyone any detector allows as an owner (for the reassign menu)."""
    for detector in stale.detectors():
        if detector.has_owners:
            yield from detector.owner_choices()


def _item(pk: int) -> tuple[StaleItem, object]:
    item = get_object_or_404(StaleItem, pk=pk)
    target = item.target
    if target is None:
        raise ValidationError(_("This content no longer exists."))
    return item, target


@require_POST
@stale_reviewers_only
def mark_reviewed(request, pk: int):
    item = get_object_or_404(StaleItem, pk=pk)
    form = StaleReviewForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _run(
        request,
        lambda: services.mark_stale_reviewed(target=_item(pk)[1], actor=request.user, note=note),
        _("“%(title)s” marked reviewed.") % {"title": item.title},
    )


@require_POST
@stale_reviewers_only
def dismiss(request, pk: int):
    form = StaleDismissForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why you dismiss this signal."))
        return _back(request)
    signal = get_object_or_404(StaleSignal, pk=form.cleaned_data["signal"])
    item = get_object_or_404(
        StaleItem, pk=pk, content_type_id=signal.content_type_id, object_id=signal.object_id
    )
    return _run(
        request,
        lambda: services.dismiss_stale_signal(
            signal=signal, actor=request.user, reason=form.cleaned_data["reason"]
        ),
        _("Signal dismissed on “%(title)s”.") % {"title": item.title},
    )


@require_POST
@stale_reviewers_only
def reassign(request, pk: int):
    item = get_object_or_404(StaleItem, pk=pk)
    detector = stale.detector_for_kind(item.kind)
    if detector is None or not detector.has_owners:
        messages.error(request, _("This kind of content has no owner."))
        return _back(request)
    form = StaleReassignForm(request.POST, owners=detector.owner_choices())
    if not form.is_valid():
        messages.error(request, _("Choose a new owner from the list."))
        return _back(request)
    return _run(
        request,
        lambda: services.reassign_stale_owner(
            target=_item(pk)[1], actor=request.user, owner=form.cleaned_data["owner"]
        ),
        _("“%(title)s” now belongs to %(owner)s.")
        % {"title": item.title, "owner": form.cleaned_data["owner"].public_name},
    )


@require_POST
@stale_reviewers_only
def archive(request, pk: int):
    item = get_object_or_404(StaleItem, pk=pk)
    return _run(
        request,
        lambda: services.archive_stale_item(target=_item(pk)[1], actor=request.user),
        _("“%(title)s” archived; its address now leads to its category.") % {"title": item.title},
    )


@require_POST
@stale_reviewers_only
def report(request, pk: int):
    item = get_object_or_404(StaleItem, pk=pk)
    form = StaleReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what is wrong or outdated."))
        return _back(request)
    return _run(
        request,
        lambda: services.report_outdated(
            target=_item(pk)[1], actor=request.user, note=form.cleaned_data["note"]
        ),
        _("Report recorded on “%(title)s”.") % {"title": item.title},
    )

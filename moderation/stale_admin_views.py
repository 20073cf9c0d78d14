"""The "Needs review" report of stale content and its actions, in the Wagtail admin.

Every view requires ``moderation.review_stale`` (support staff), checked by Wagtail's
``permission_required``. The report is an ``AdminReport`` (Wagtail's ``ReportView``: listing
frame, pagination, CSV/XLSX downloads); its actions are POSTs that call the actions in
``moderation.actions.stale`` and come back to the report with a message.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required

from . import scheduler, selectors, stale
from .actions import stale as stale_actions
from .filters import StaleFilterSet
from .forms import StaleDismissForm, StaleReassignForm, StaleReportForm, StaleReviewForm
from .models import StaleItem, StaleSignal
from .reports import AdminReport
from .rules import REVIEW_STALE

PAGE_SIZE = 50


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


@method_decorator(permission_required(REVIEW_STALE), name="dispatch")
class NeedsReviewView(AdminReport):
    """Stale items, highest score first, with their open signals, evidence and actions."""

    page_title = gettext_lazy("Needs review")
    header_icon = "time"
    results_template_name = "moderation/admin/stale_results.html"
    index_url_name = "moderation_admin:stale"
    index_results_url_name = "moderation_admin:stale_results"
    filterset_class = StaleFilterSet
    paginate_by = PAGE_SIZE
    export_filename = "needs-review"
    list_export = [
        "item.title",
        "item.content_type.name",
        "item.category",
        "language",
        "item.score",
        "signals_text",
        "owner_name",
    ]
    export_headings = {
        "item.title": gettext_lazy("Content"),
        "item.content_type.name": gettext_lazy("Kind"),
        "item.category": gettext_lazy("Category"),
        "language": gettext_lazy("Language"),
        "item.score": gettext_lazy("Score"),
        "signals_text": gettext_lazy("Signals and evidence"),
        "owner_name": gettext_lazy("Owner"),
    }

    def get_queryset(self):
        return selectors.stale_queue()

    def decorate_paginated_queryset(self, object_list):
        rows = selectors.stale_rows(object_list)
        if self.is_export:
            for row in rows:
                row.signals_text = "; ".join(
                    f"{signal.label}: {signal.evidence_text}"
                    if signal.evidence_text
                    else signal.label
                    for signal in row.signals
                )
                row.owner_name = row.item.owner.public_name if row.item.owner else ""
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.pop("filters", None)  # shown in the page, not in the header
        last_sweep = scheduler.last_run(scheduler.STALE_SWEEP)
        context.update(
            form=self.filters.form,
            rows=context["object_list"],
            review_form=StaleReviewForm(),
            owners=list(stale_owner_choices()),
            last_sweep=last_sweep,
            last_checked=last_checked(last_sweep.last_finished_at) if last_sweep else "",
        )
        return context


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
@permission_required(REVIEW_STALE)
def mark_reviewed(request, pk: int):
    item = get_object_or_404(StaleItem, pk=pk)
    form = StaleReviewForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _run(
        request,
        lambda: stale_actions.mark_stale_reviewed(
            target=_item(pk)[1], actor=request.user, note=note
        ),
        _("“%(title)s” marked reviewed.") % {"title": item.title},
    )


@require_POST
@permission_required(REVIEW_STALE)
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
        lambda: stale_actions.dismiss_stale_signal(
            signal=signal, actor=request.user, reason=form.cleaned_data["reason"]
        ),
        _("Signal dismissed on “%(title)s”.") % {"title": item.title},
    )


@require_POST
@permission_required(REVIEW_STALE)
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
        lambda: stale_actions.reassign_stale_owner(
            target=_item(pk)[1], actor=request.user, owner=form.cleaned_data["owner"]
        ),
        _("“%(title)s” now belongs to %(owner)s.")
        % {"title": item.title, "owner": form.cleaned_data["owner"].public_name},
    )


@require_POST
@permission_required(REVIEW_STALE)
def archive(request, pk: int):
    item = get_object_or_404(StaleItem, pk=pk)
    return _run(
        request,
        lambda: stale_actions.archive_stale_item(target=_item(pk)[1], actor=request.user),
        _("“%(title)s” archived; its address now leads to its category.") % {"title": item.title},
    )


@require_POST
@permission_required(REVIEW_STALE)
def report(request, pk: int):
    item = get_object_or_404(StaleItem, pk=pk)
    form = StaleReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what is wrong or outdated."))
        return _back(request)
    return _run(
        request,
        lambda: stale_actions.report_outdated(
            target=_item(pk)[1], actor=request.user, note=form.cleaned_data["note"]
        ),
        _("Report recorded on “%(title)s”.") % {"title": item.title},
    )

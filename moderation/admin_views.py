"""The review queue, item pages, audit log and suspensions in the Wagtail admin.

Every view requires ``moderation.moderate`` (Wagtail already requires admin access for /admin/),
checked by Wagtail's ``permission_required``. The queue and the audit log are admin reports
(``AdminReport``): Wagtail's listing frame and pagination, and CSV/XLSX downloads.
Views parse input and call services; ``AlreadyHandled`` becomes a message, never an error page.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required

from . import adapters, selectors
from .actions import decisions as decision_actions
from .actions.people import lift_suspension
from .adapters import (
    category_labels,
    direction_attrs,
    edit_fields,
    edit_labels,
    supports_edit,
    supports_lock,
)
from .decisions import DECISIONS, available_decisions, decided_message
from .filters import AuditFilterSet, QueueFilterSet
from .forms import BulkForm, EditForm
from .models import ReviewItem, Suspension
from .reports import AdminReport
from .rules import MODERATE
from .templatetags.moderation_labels import log_reason, post_status

PAGE_SIZE = 50


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("p"))


def _queue_filters(data) -> tuple[QueueFilterSet, dict, str]:
    """The queue's filters read from a querystring: the filter set, the selector's keyword
    arguments and the same filters as a querystring to carry from the queue to an item page and
    on to the next item (``QueueFilterSet.querystring``)."""
    filters = QueueFilterSet(data)
    return filters, filters.selector_arguments(), filters.querystring()


def _with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url


@method_decorator(permission_required(MODERATE), name="dispatch")
class QueueView(AdminReport):
    """Open items, highest flag score first, with each author's history; the selected items
    are decided together by the bulk form (``bulk``), each one on its item page."""

    page_title = gettext_lazy("Review queue")
    header_icon = "tasks"
    template_name = "moderation/admin/queue.html"
    results_template_name = "moderation/admin/queue_results.html"
    index_url_name = "moderation_admin:queue"
    index_results_url_name = "moderation_admin:queue_results"
    filterset_class = QueueFilterSet
    paginate_by = PAGE_SIZE
    export_filename = "review-queue"
    list_export = [
        "pk",
        "get_kind_display",
        "content_type.name",
        "category_label",
        "preview",
        "reasons_and_flags",
        "score",
        "author_name",
        "created_at",
    ]
    export_headings = {
        "pk": gettext_lazy("Item"),
        "get_kind_display": gettext_lazy("Type"),
        "content_type.name": gettext_lazy("Content"),
        "category_label": gettext_lazy("Category"),
        "preview": gettext_lazy("Post"),
        "reasons_and_flags": gettext_lazy("Reasons and flags"),
        "score": gettext_lazy("Score"),
        "author_name": gettext_lazy("Author"),
        "created_at": gettext_lazy("Queued"),
    }

    def get_queryset(self):
        return selectors.review_queue()

    def decorate_paginated_queryset(self, object_list):
        labels = category_labels()
        items = list(object_list)
        self.histories = selectors.author_histories(item.author for item in items)
        for item in items:
            item.category_label = labels.get(item.category, item.category)
            if self.is_export:
                target = item.target
                item.preview = adapters.preview(target) if target is not None else ""
                item.author_name = item.author.public_name if item.author else ""
                item.reasons_and_flags = "; ".join(
                    [str(label) for label in item.reason_labels()]
                    + [_flag_text(flag) for flag in item.flags.all()]
                )
        return items

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = context["object_list"]
        context.pop("filters", None)  # shown in the page, beside the bulk form, not in the header
        context.update(
            form=self.filters.form,
            page=context["page_obj"],
            rows=[(item, self.histories.get(item.author_id)) for item in items],
            bulk_form=BulkForm(),
            queue_query=self.filters.querystring(),
        )
        return context


def _flag_text(flag) -> str:
    text = f"{flag.get_reason_display()} ({flag.score})"
    return f"{text}: {flag.text}" if flag.text else text


def _item_page(request, item, *, refused=None, status=200):
    """The item page; ``refused`` is the bound form of a decision that was not applied, shown
    open with its errors and the text as typed. Its forms and links carry the queue's filters."""
    _form, _filters, query = _queue_filters(request.GET)
    target = item.target
    item.category_label = category_labels().get(item.category, item.category)
    decisions = []
    if target is not None:
        for decision in available_decisions(item, target):
            chosen = refused is not None and refused.prefix == decision.name
            decisions.append((decision, refused if chosen else decision.form(prefix=decision.name)))
    history = selectors.author_histories([item.author]).get(item.author_id)
    log = selectors.moderation_log(content_type_id=item.content_type_id, object_id=item.object_id)
    return TemplateResponse(
        request,
        "moderation/admin/item.html",
        {
            "item": item,
            "target": target,
            "history": history,
            "flags": item.flags.select_related("flagger").order_by("created_at"),
            "log": log[:50],
            "decisions": decisions,
            "can_edit": target is not None and supports_edit(target) and item.status == "open",
            "can_lock": target is not None and supports_lock(target),
            "queue_query": query,
        },
        status=status,
    )


@permission_required(MODERATE)
def item_detail(request, pk: int):
    item = get_object_or_404(ReviewItem.objects.select_related("author", "decided_by"), pk=pk)
    return _item_page(request, item)


def _add_service_error(form, error: ValidationError) -> None:
    """Show a service's refusal next to the field it names, or above the form."""
    if hasattr(error, "error_dict") and set(error.error_dict) <= set(form.fields):
        form.add_error(None, error)
    else:
        form.add_error(None, error.messages)


def _next_page(request, *, outcome: str, item):
    """After a decision: say which post was decided and how, then open the next item of the
    queue as the moderator filtered it, or that filtered queue when nothing is left in it."""
    messages.success(request, decided_message(outcome, item))
    _form, filters, query = _queue_filters(request.GET)
    following = selectors.next_in_queue(after=item, **filters)
    if following is None:
        messages.info(request, _("Nothing left to review in this view."))
        return redirect(_with_query(reverse("moderation_admin:queue"), query))
    return redirect(_with_query(reverse("moderation_admin:item", args=[following.pk]), query))


def _back_to_item(request, item):
    _form, _filters, query = _queue_filters(request.GET)
    return redirect(_with_query(reverse("moderation_admin:item", args=[item.pk]), query))


@permission_required(MODERATE)
@require_POST
def decide(request, pk: int):
    item = get_object_or_404(ReviewItem.objects.select_related("author", "decided_by"), pk=pk)
    decision = DECISIONS.get(request.POST.get("decision", ""))
    if decision is None:  # a crafted request, or a page from before the buttons
        messages.error(request, _("Choose a decision: press its button."))
        return _back_to_item(request, item)
    form = decision.form(request.POST, prefix=decision.name)
    if form.is_valid():
        try:
            decision_actions.take_decision(
                decision=decision.name, item=item, actor=request.user, data=form.cleaned_data
            )
        except decision_actions.AlreadyHandled as handled:
            messages.warning(request, str(handled.message))
            return _back_to_item(request, item)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            if not decision.closes_item:
                messages.success(request, decided_message(decision.outcome, item))
                return _back_to_item(request, item)
            return _next_page(request, outcome=decision.outcome, item=item)
    messages.error(
        request,
        _("%(decision)s was not applied. Correct the form below.") % {"decision": decision.label},
    )
    return _item_page(request, item, refused=form)


@permission_required(MODERATE)
def edit(request, pk: int):
    item = get_object_or_404(ReviewItem, pk=pk)
    target = item.target
    if target is None or not supports_edit(target):
        messages.error(request, _("This kind of post cannot be edited here."))
        return _back_to_item(request, item)
    form = EditForm(
        request.POST or None,
        fields=edit_fields(target),
        direction=direction_attrs(target),
        labels=edit_labels(target),
    )
    if request.method == "POST" and form.is_valid():
        try:
            decision_actions.edit_and_approve_item(
                item=item,
                actor=request.user,
                text_fields=form.text_fields(),
                note=form.cleaned_data["note"],
            )
        except decision_actions.AlreadyHandled as handled:
            messages.warning(request, str(handled.message))
            return _back_to_item(request, item)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            outcome = pgettext("moderation outcome", "Edited and approved")
            return _next_page(request, outcome=outcome, item=item)
    _form, _filters, query = _queue_filters(request.GET)
    return TemplateResponse(
        request, "moderation/admin/edit.html", {"item": item, "form": form, "queue_query": query}
    )


@permission_required(MODERATE)
@require_POST
def bulk(request):
    form = BulkForm(request.POST)
    _filters_form, _filters, query = _queue_filters(request.GET)
    back = _with_query(reverse("moderation_admin:queue"), query)
    if not form.is_valid():
        messages.error(request, _("Select at least one open item and a valid action."))
        return redirect(back)
    result = decision_actions.bulk_decide(
        items=form.cleaned_data["items"],
        action=form.cleaned_data["action"],
        actor=request.user,
        template=form.cleaned_data["template"],
        note=form.cleaned_data["note"],
    )
    decided, handled = len(result.decided), len(result.already_handled)
    messages.success(
        request,
        ngettext("%(n)d item decided.", "%(n)d items decided.", decided) % {"n": decided},
    )
    if handled:
        messages.warning(
            request,
            ngettext(
                "%(n)d item was already handled by another moderator.",
                "%(n)d items were already handled by another moderator.",
                handled,
            )
            % {"n": handled},
        )
    return redirect(back)


@method_decorator(permission_required(MODERATE), name="dispatch")
class AuditLogView(AdminReport):
    """Every moderator action, newest first, filtered by action, person and content."""

    page_title = gettext_lazy("Audit log")
    header_icon = "history"
    results_template_name = "moderation/admin/audit_results.html"
    index_url_name = "moderation_admin:audit"
    index_results_url_name = "moderation_admin:audit_results"
    filterset_class = AuditFilterSet
    paginate_by = PAGE_SIZE
    export_filename = "moderation-audit-log"
    list_export = ["timestamp", "message", "actor_name", "content_type.name", "object_id"]
    list_export += ["reason", "status_before"]
    export_headings = {
        "timestamp": gettext_lazy("When"),
        "message": gettext_lazy("Action"),
        "actor_name": gettext_lazy("By"),
        "content_type.name": gettext_lazy("Content"),
        "object_id": gettext_lazy("Object id"),
        "reason": gettext_lazy("Why"),
        "status_before": gettext_lazy("Before"),
    }

    def get_queryset(self):
        return selectors.moderation_log()

    def decorate_paginated_queryset(self, object_list):
        entries = list(object_list)
        if self.is_export:
            for entry in entries:
                data = entry.data or {}
                entry.actor_name = data.get("actor_name") or _("system")
                entry.reason = log_reason(entry)
                before = data.get("before") or {}
                entry.status_before = post_status(before["status"]) if "status" in before else ""
        return entries

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.pop("filters", None)  # shown in the page, not in the header
        context.update(form=self.filters.form, page=context["page_obj"])
        return context


@permission_required(MODERATE)
def suspensions(request):
    active = Suspension.objects.active().select_related("user", "actor").order_by("until")
    return TemplateResponse(
        request, "moderation/admin/suspensions.html", {"page": _page(request, active)}
    )


@permission_required(MODERATE)
@require_POST
def lift(request, pk: int):
    suspension = get_object_or_404(Suspension, pk=pk)
    try:
        lift_suspension(suspension=suspension, actor=request.user)
    except decision_actions.AlreadyHandled:
        messages.warning(request, _("This suspension was already lifted."))
    else:
        messages.success(request, _("Suspension lifted."))
    return redirect("moderation_admin:suspensions")


@permission_required(MODERATE)
def person(request, pk: int):
    """Everything moderation knows about one person: history, suspensions, audit entries."""
    someone = get_object_or_404(get_user_model(), pk=pk)
    return TemplateResponse(
        request,
        "moderation/admin/person.html",
        {
            "person": someone,
            "history": selectors.author_histories([someone]).get(someone.pk),
            "suspensions": Suspension.objects.filter(user=someone).select_related("actor"),
            "log": selectors.moderation_log(person_id=someone.pk)[:100],
        },
    )

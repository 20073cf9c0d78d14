"""The review queue, item pages, audit log and suspensions in the Wagtail admin.

Every view requires ``moderation.moderate`` (Wagtail already requires admin access for /admin/).
Views parse input and call services; ``AlreadyHandled`` becomes a message, never an error page.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_denied

from . import selectors, services
from .adapters import (
    category_labels,
    content_models,
    direction_attrs,
    edit_fields,
    edit_labels,
    supports_edit,
    supports_lock,
)
from .decisions import DECISIONS, available_decisions, decided_message
from .forms import AuditFilterForm, BulkForm, EditForm, QueueFilterForm
from .models import ReviewItem, Suspension

PAGE_SIZE = 50


def moderators_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("moderation.moderate"):
            return permission_denied(request)
        return view(request, *args, **kwargs)

    return wrapper


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("p"))


def _queue_filters(data) -> tuple[QueueFilterForm, dict, str]:
    """The queue's filters read from a querystring: the bound form, the selector's keyword
    arguments and the same filters as a querystring to carry from the queue to an item page and
    on to the next item. Only the form's own fields survive, each validated against its
    choices, so nothing a link adds can reach a query or become a redirect target."""
    content_types = ContentType.objects.filter(
        pk__in=[ContentType.objects.get_for_model(m).pk for m in content_models()]
    )
    labels = category_labels()
    keep = data.get("category", "")
    form = QueueFilterForm(
        data or None,
        categories=[(c, labels.get(c, c)) for c in selectors.queue_categories(keep=keep)],
        content_types=content_types,
    )
    if not form.is_valid():
        return form, {}, ""
    cleaned = form.cleaned_data
    content_type = cleaned.get("content_type")
    filters = {
        "reason": cleaned.get("reason", ""),
        "kind": cleaned.get("kind", ""),
        "category": cleaned.get("category", ""),
        "content_type_id": content_type.pk if content_type else None,
    }
    shown = {
        "reason": filters["reason"],
        "kind": filters["kind"],
        "category": filters["category"],
        "content_type": filters["content_type_id"] or "",
    }
    return form, filters, urlencode({key: value for key, value in shown.items() if value})


def _with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url


@moderators_only
def queue(request):
    form, filters, query = _queue_filters(request.GET)
    labels = category_labels()
    items = selectors.review_queue(**filters)
    page = _page(request, items)
    histories = selectors.author_histories(item.author for item in page)
    for item in page:
        item.category_label = labels.get(item.category, item.category)
    rows = [(item, histories.get(item.author_id)) for item in page]
    return TemplateResponse(
        request,
        "moderation/admin/queue.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "bulk_form": BulkForm(),
            "queue_query": query,
        },
    )


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


@moderators_only
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


@moderators_only
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
            decision.apply(item=item, actor=request.user, data=form.cleaned_data)
        except services.AlreadyHandled as handled:
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


@moderators_only
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
            services.edit_and_approve_item(
                item=item,
                actor=request.user,
                text_fields=form.text_fields(),
                note=form.cleaned_data["note"],
            )
        except services.AlreadyHandled as handled:
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


@moderators_only
@require_POST
def bulk(request):
    form = BulkForm(request.POST)
    _filters_form, _filters, query = _queue_filters(request.GET)
    back = _with_query(reverse("moderation_admin:queue"), query)
    if not form.is_valid():
        messages.error(request, _("Select at least one open item and a valid action."))
        return redirect(back)
    result = services.bulk_decide(
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


@moderators_only
def audit(request):
    form = AuditFilterForm(request.GET or None, choices=selectors.audit_filter_choices())
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.moderation_log(
        action=filters.get("action", ""),
        actor_id=filters.get("actor"),
        person_id=filters.get("person"),
        content_type_id=getattr(filters.get("content_type"), "pk", None),
        object_id=filters.get("object_id", ""),
    )
    return TemplateResponse(
        request, "moderation/admin/audit.html", {"form": form, "page": _page(request, entries)}
    )


@moderators_only
def suspensions(request):
    active = Suspension.objects.active().select_related("user", "actor").order_by("until")
    return TemplateResponse(
        request, "moderation/admin/suspensions.html", {"page": _page(request, active)}
    )


@moderators_only
@require_POST
def lift(request, pk: int):
    suspension = get_object_or_404(Suspension, pk=pk)
    try:
        services.lift_suspension(suspension=suspension, actor=request.user)
    except services.AlreadyHandled:
        messages.warning(request, _("This suspension was already lifted."))
    else:
        messages.success(request, _("Suspension lifted."))
    return redirect("moderation_admin:suspensions")


@moderators_only
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

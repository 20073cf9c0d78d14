"""The "Support cases" area of the Wagtail admin: the list (filters, claim, bulk assign,
downloads), one case (state, assignee, private notes, history), all through ``actions``."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required
from wagtail.models import ModelLogEntry

from moderation.reports import AdminReport

from . import actions
from .filters import CaseFilterSet, team
from .models import Case
from .rules import WORK_CASES

staff_only = permission_required(WORK_CASES)


@method_decorator(staff_only, name="dispatch")
class CasesReportView(AdminReport):
    """Every case, soonest due first, with how late the overdue ones are."""

    page_title = gettext_lazy("Support cases")
    header_icon = "help"
    results_template_name = "support/admin/cases_results.html"
    index_url_name = "support_admin:cases"
    index_results_url_name = "support_admin:cases_results"
    filterset_class = CaseFilterSet
    export_filename = "support-cases"
    list_export = [
        "pk",
        "question.title",
        "get_state_display",
        "get_priority_display",
        "category",
        "language",
        "assignee_name",
        "opened_at",
        "due_at",
        "closed_at",
    ]
    export_headings = {
        "pk": gettext_lazy("Case"),
        "question.title": gettext_lazy("Question"),
        "get_state_display": gettext_lazy("State"),
        "get_priority_display": gettext_lazy("Priority"),
        "category": gettext_lazy("Category"),
        "language": gettext_lazy("Language"),
        "assignee_name": gettext_lazy("Assignee"),
        "opened_at": gettext_lazy("Opened"),
        "due_at": gettext_lazy("Reply due"),
        "closed_at": gettext_lazy("Closed"),
    }

    def get_queryset(self):
        return Case.objects.select_related("question", "assignee", "category").order_by(
            "closed_at", "due_at", "pk"
        )

    def decorate_paginated_queryset(self, object_list):
        now = timezone.now()
        rows = list(object_list)
        for case in rows:
            case.late = case.lateness(now)
            case.assignee_name = case.assignee.public_name if case.assignee else ""
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(cases=context["object_list"], team=team(), user=self.request.user)
        return context


def _back(request, default: str):
    target = request.POST.get("next", "")
    return redirect(target if target.startswith("/admin/") else default)


@staff_only
@require_POST
def claim(request, pk: int):
    case = get_object_or_404(Case, pk=pk)
    try:
        actions.claim(actor=request.user, case=case)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The case is yours."))
    return _back(request, "support_admin:cases")


@staff_only
@require_POST
def assign(request):
    """Assign one or many cases (the list's check boxes) to a member of the team, or nobody."""
    ids = [int(value) for value in request.POST.getlist("case") if value.isdigit()]
    cases = list(Case.objects.filter(pk__in=ids[:500]))
    assignee_id = request.POST.get("assignee", "")
    assignee = get_object_or_404(get_user_model(), pk=assignee_id) if assignee_id else None
    if not cases:
        messages.error(request, _("Choose at least one case."))
        return _back(request, "support_admin:cases")
    try:
        changed = actions.assign(actor=request.user, cases=cases, assignee=assignee)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext("%(count)d case assigned.", "%(count)d cases assigned.", changed)
            % {"count": changed},
        )
    return _back(request, "support_admin:cases")


@staff_only
def case_detail(request, pk: int):
    case = get_object_or_404(Case.objects.select_related("question", "assignee", "category"), pk=pk)
    history = ModelLogEntry.objects.for_instance(case).select_related("user").order_by("-timestamp")
    return TemplateResponse(
        request,
        "support/admin/case.html",
        {
            "case": case,
            "late": case.lateness(),
            "notes": list(case.notes.all()),
            "history": history[:100],
            "team": team(),
            "states": Case.State.choices,
            "priorities": Case.Priority.choices,
            "page_title": _("Support case %(number)s") % {"number": case.pk},
            "header_icon": "help",
        },
    )


@staff_only
@require_POST
def change_state(request, pk: int):
    case = get_object_or_404(Case, pk=pk)
    try:
        actions.set_state(actor=request.user, case=case, state=request.POST.get("state", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The case's state changed."))
    return redirect("support_admin:case", case.pk)


@staff_only
@require_POST
def change_priority(request, pk: int):
    case = get_object_or_404(Case, pk=pk)
    try:
        actions.set_priority(
            actor=request.user, case=case, priority=request.POST.get("priority", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The case's priority changed."))
    return redirect("support_admin:case", case.pk)


@staff_only
@require_POST
def add_note(request, pk: int):
    case = get_object_or_404(Case.objects.select_related("question"), pk=pk)
    try:
        actions.add_note(actor=request.user, case=case, body=request.POST.get("body", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The private note was added."))
    return redirect("support_admin:case", case.pk)

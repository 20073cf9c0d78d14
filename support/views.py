"""What the thread page's support panel posts: ask the team, a private note, "it did not help"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forum.models import Question
from moderation.measure import tell

from . import actions
from .models import Case


def _thread_url(question) -> str:
    return f"{question.get_absolute_url()}#support"


@require_POST
@login_required
def escalate(request, pk: int):
    question = get_object_or_404(Question.objects.visible_to(request.user), pk=pk)
    try:
        actions.escalate(actor=request.user, question=question)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Our support team has your question and will reply here."))
        return tell(
            redirect(_thread_url(question)),
            "escalate",
            question.pk,
            question.language,
            question.category_id,
        )
    return redirect(_thread_url(question))


def _case(request, pk: int) -> Case:
    case = get_object_or_404(Case.objects.select_related("question"), pk=pk)
    if not Question.objects.visible_to(request.user).filter(pk=case.question_id).exists():
        raise Http404
    return case


@require_POST
@login_required
def add_note(request, pk: int):
    case = _case(request, pk)
    try:
        actions.add_note(actor=request.user, case=case, body=request.POST.get("body", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your private note was sent to our support team."))
    return redirect(_thread_url(case.question))


@require_POST
@login_required
def reopen(request, pk: int):
    case = _case(request, pk)
    actions.reopen(actor=request.user, case=case)
    messages.success(request, _("Your case is open again; our support team will reply."))
    return redirect(_thread_url(case.question))

"""Editing a question, an answer or a comment, each on a page of its own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import rules, services
from ..forms import EditAnswerForm, EditCommentForm, EditQuestionForm
from .posting import attempt
from .thread import visible_post, visible_question


@login_required
def question_edit(request, pk: int):
    question = visible_question(request, pk)
    if not rules.can_edit(request.user, question):
        raise PermissionDenied
    form = EditQuestionForm.for_question(question, request.POST or None)
    conflict, status = None, 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        base_version = data.pop("version")
        try:
            edited, status = attempt(
                form,
                lambda: services.edit_question(
                    actor=request.user, question=question, base_version=base_version, **data
                ),
                invalid_status=200,
            )
        except services.EditConflict as error:
            conflict = error.current
            form = _with_version(EditQuestionForm, request.POST, conflict.version)
        else:
            if edited is not None:
                _edit_saved(request, edited)
                return redirect(question)
    context = {"form": form, "question": question, "conflict": conflict}
    return render(request, "forum/question_edit.html", context, status=status)


def _edit_saved(request, post) -> None:
    """Say the edit was saved, or that it waits for a moderator and why."""
    reasons = getattr(post, "review_reasons", [])
    if reasons:
        messages.warning(
            request,
            _("Your edit was saved and is awaiting review by a moderator (%(reasons)s).")
            % {"reasons": _("; ").join(reasons)},
        )
    else:
        messages.success(request, _("Your edit was saved."))


@login_required
def answer_edit(request, pk: int):
    answer = visible_post(request, "answer", pk)
    if not rules.can_edit(request.user, answer):
        raise PermissionDenied
    initial = {"body": answer.body, "version": answer.version}
    form = EditAnswerForm(request.POST or None, initial=initial)
    conflict, status = None, 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        base_version = data.pop("version")
        try:
            edited, status = attempt(
                form,
                lambda: services.edit_answer(
                    actor=request.user, answer=answer, base_version=base_version, **data
                ),
                invalid_status=200,
            )
        except services.EditConflict as error:
            conflict = error.current
            form = _with_version(EditAnswerForm, request.POST, conflict.version)
        else:
            if edited is not None:
                _edit_saved(request, edited)
                return redirect(answer.get_absolute_url())
    context = {"form": form, "answer": answer, "question": answer.question, "conflict": conflict}
    return render(request, "forum/answer_edit.html", context, status=status)


@login_required
def comment_edit(request, pk: int):
    """A small page of its own, so editing a comment needs no JavaScript."""
    comment = visible_post(request, "comment", pk)
    if not rules.can_edit(request.user, comment):
        raise PermissionDenied
    form = EditCommentForm(request.POST or None, initial={"body": comment.body})
    status = 200
    if request.method == "POST" and form.is_valid():
        edited, status = attempt(
            form,
            lambda: services.edit_comment(actor=request.user, comment=comment, **form.cleaned_data),
            invalid_status=200,
        )
        if edited is not None:
            _edit_saved(request, edited)
            return redirect(comment.get_absolute_url())
    context = {"form": form, "comment": comment, "question": comment.question}
    return render(request, "forum/comment_edit.html", context, status=status)


def _with_version(form_class, data, version: int):
    """The editor's own text again, now based on the version someone else saved."""
    data = data.copy()
    data["version"] = str(version)
    form = form_class(data)
    form.is_valid()
    return form

"""Staff pages that turn a thread's accepted answer into a knowledge-base article."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from forum.models import Answer

from . import services
from .forms import NominateForm, PromoteForm


def _answer_for(request, answer_id: int, permission: str) -> Answer:
    if not request.user.has_perm(permission):
        raise PermissionDenied
    return get_object_or_404(Answer.objects.select_related("question", "author"), pk=answer_id)


def _article_admin_url(article) -> str:
    return reverse("wagtailadmin_pages:edit", args=[article.pk])


@login_required
def promote(request, answer_id: int):
    answer = _answer_for(request, answer_id, services.PROMOTE_PERMISSION)
    existing = services.existing_promotion(answer)
    if existing is not None:
        messages.info(request, _("This answer is already a knowledge-base article."))
        return redirect(_article_admin_url(existing.article))
    question = answer.question
    refusal = services.promotion_refusal(answer, question)
    form = PromoteForm(
        request.POST or None, initial={"title": question.title}, language=question.language
    )
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            article = services.promote_answer(
                answer=answer,
                category=form.cleaned_data["category"],
                locale=form.cleaned_data["category"].locale,
                title=form.cleaned_data["title"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Draft article created and submitted for review."))
            return redirect(_article_admin_url(article))
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "answer": answer, "question": question, "refusal": refusal}
    return render(request, "kb/promote_answer.html", context, status=status)


@login_required
def nominate(request, answer_id: int):
    answer = _answer_for(request, answer_id, services.NOMINATE_PERMISSION)
    question = answer.question
    refusal = services.promotion_refusal(answer, question)
    form = NominateForm(request.POST or None)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            services.nominate_answer(
                answer=answer, note=form.cleaned_data["note"], actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: the answer is now a promotion candidate."))
            return redirect(question)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "answer": answer, "question": question, "refusal": refusal}
    return render(request, "kb/nominate_answer.html", context, status=status)

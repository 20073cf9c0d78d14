"""Asking, answering and commenting, and the markdown preview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from moderation.measure import tell
from moderation.posting import RateLimited, Suspended, check_can_post

from .. import rules, services
from ..forms import AnswerForm, AskForm, CommentForm
from ..markdown import render_markdown
from ..models import PostStatus
from .thread import render_thread, visible_post, visible_question

# Moderation refuses a post with these; the form shows why and keeps what was typed.
REFUSALS = {RateLimited: 429, Suspended: 403}


def attempt(form, write, *, invalid_status: int = 400):
    """`write()`, with what stops it shown on the form, which keeps what was typed: moderation's
    refusals (suspended: 403, rate limited: 429) and validation errors (`invalid_status`).
    Returns `(result, status)`; `result` is None when it was stopped."""
    try:
        return write(), 200
    except (RateLimited, Suspended) as error:
        form.add_error(None, error.message)
        return None, REFUSALS[type(error)]
    except ValidationError as error:
        form.add_error(None, error)
        return None, invalid_status


def render_preview(request) -> str:
    """The markdown preview, after the same refusals as posting (suspension, a rate limit), so
    previews cannot be used to make the server render without limit."""
    check_can_post(user=request.user, action="preview")
    return render_markdown(request.POST.get("body", "")[: rules.BODY_MAX])


def _source_page(page_id):
    if not str(page_id or "").isdigit():
        return None
    return Page.objects.live().public().filter(pk=int(page_id)).first()


@login_required
def ask(request):
    if not rules.can_post(request.user):
        return render(request, "forum/verify_email.html", status=403)
    source_page = _source_page(request.POST.get("from_page") or request.GET.get("from_page"))
    initial = {"title": request.GET.get("title", "")[:150], "language": get_language()}
    form = AskForm(request.POST or None, initial=initial)
    preview, status = None, 200
    if "preview" in request.POST:
        preview, status = attempt(form, lambda: render_preview(request), invalid_status=200)
    elif request.method == "POST" and form.is_valid():
        question, status = attempt(
            form,
            lambda: services.create_question(
                actor=request.user, source_page=source_page, **form.cleaned_data
            ),
        )
        if question is not None:
            return tell(
                redirect(question), "ask", question.pk, question.language, question.category_id
            )
    context = {"form": form, "source_page": source_page, "preview": preview}
    return render(request, "forum/question_form.html", context, status=status)


@require_POST
@login_required
def preview(request):
    """The live preview: the same sanitiser as published posts, as an HTML fragment."""
    try:
        return HttpResponse(render_preview(request))
    except (RateLimited, Suspended) as error:
        notice = format_html('<p class="notice notice--error">{}</p>', error.message)
        return HttpResponse(notice, status=REFUSALS[type(error)])


@require_POST
@login_required
def answer_create(request, pk: int):
    question = visible_question(request, pk)
    form = AnswerForm(request.POST)
    if "preview" in request.POST:
        preview, status = attempt(form, lambda: render_preview(request))
        return render_thread(
            request, question, answer_form=form, answer_preview=preview, status=status
        )
    status = 400
    if form.is_valid():
        answer, status = attempt(
            form,
            lambda: services.create_answer(
                actor=request.user, question=question, **form.cleaned_data
            ),
        )
        if answer is not None:
            return redirect(answer.get_absolute_url())
    return render_thread(request, question, answer_form=form, status=status)


@require_POST
@login_required
def comment_create(request, pk: int):
    question = visible_question(request, pk)
    form = CommentForm(request.POST)
    raw_answer = request.POST.get("answer", "")
    form.target = int(raw_answer) if raw_answer.isdigit() else ""
    status = 400
    if form.is_valid():
        answer_id = form.cleaned_data.pop("answer")
        answer = visible_post(request, "answer", answer_id) if answer_id else None
        if answer is not None and answer.question_id != question.pk:
            raise Http404
        comment, status = attempt(
            form,
            lambda: services.create_comment(
                actor=request.user, question=question, answer=answer, **form.cleaned_data
            ),
        )
        if comment is not None:
            if comment.status == PostStatus.PENDING:
                _say_held(request, comment)
            return redirect(comment.get_absolute_url())
    return render_thread(request, question, comment_form=form, status=status)


def _say_held(request, comment) -> None:
    """A held comment shows only a badge on the page, so the message says why it waits."""
    reasons = getattr(comment, "review_reasons", [])
    if reasons:
        message = _("Your comment is awaiting review by a moderator (%(reasons)s).") % {
            "reasons": _("; ").join(reasons)
        }
    else:
        message = _("Your comment is awaiting review by a moderator.")
    messages.info(request, message)

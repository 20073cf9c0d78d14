"""The thread page and what its buttons post: votes, accepting, following, deleting and
restoring, moderator tools; revisions and the unsubscribe link from emails."""

import uuid

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moderation.measure import tell

from .. import rules, services
from ..forms import AnswerForm, CloseForm, DuplicateForm, rendered_at_stamp
from ..models import Answer, Comment, PostStatus, Question
from ..notifications import read_unsubscribe_token
from ..revisions import revision_history
from ..selectors import load_thread, thread_queryset
from ..seo import is_indexable
from ..structured_data import breadcrumbs, json_ld, qa_page

POST_MODELS = {"question": Question, "answer": Answer, "comment": Comment}


def question_shortlink(request, pk: int):
    question = get_object_or_404(Question.objects.visible_to(request.user), pk=pk)
    return redirect(question, permanent=True)


def question_detail(request, pk: int, slug: str):
    question = thread_queryset(request.user).filter(pk=pk).first()
    if question is None:
        return _missing_thread(request, pk)
    if slug != question.slug:
        return redirect(question, permanent=True)
    # Counted by the site's insights once the response leaves, also when served from the cache.
    return tell(
        render_thread(request, question),
        "question",
        question.pk,
        question.language,
        question.category_id,
    )


def _missing_thread(request, pk: int):
    """A thread removed by its author or a moderator is gone for good to the public (410, so
    search engines drop it); one that never was public simply does not exist (404)."""
    removed = (PostStatus.HIDDEN, PostStatus.DELETED)
    if (
        not request.user.is_authenticated
        and Question.objects.filter(pk=pk, status__in=removed).exists()
    ):
        response = render(request, "forum/thread_gone.html", status=410)
        response["X-Robots-Tag"] = "noindex"
        return response
    raise Http404


def render_thread(
    request, question, *, answer_form=None, comment_form=None, answer_preview=None, status=200
):
    thread = load_thread(question=question, viewer=request.user)
    with translation.override(question.language):
        canonical_url = request.build_absolute_uri(question.get_absolute_url())
    context = {
        "canonical_url": canonical_url,
        "indexable": is_indexable(question),
        "question": question,
        "thread": thread,
        "answer_form": answer_form or AnswerForm(),
        "answer_preview": answer_preview,
        "comment_form": comment_form,
        "can_post": rules.can_post(request.user),
        "can_moderate": rules.can_moderate_posts(request.user),
        "json_ld": json_ld([qa_page(thread, request), breadcrumbs(question, request)]),
        "comment_token": uuid.uuid4().hex,
        "rendered_at": rendered_at_stamp(),
        "can_flag": rules.can_flag(request.user),
        "flag_types": _flag_types(),
        "close_form": CloseForm(),
        "duplicate_form": DuplicateForm(),
        "duplicate_original": _visible_original(question, request.user),
    }
    return render(request, "forum/question_detail.html", context, status=status)


def _flag_types() -> dict:
    return {
        kind: ContentType.objects.get_for_model(model).pk for kind, model in POST_MODELS.items()
    }


def _visible_original(question, viewer):
    """The question this one duplicates, only if the viewer may open it: a deleted or hidden
    original's title is never shown, nor a link to its 404."""
    if question.duplicate_of_id is None:
        return None
    return Question.objects.visible_to(viewer).filter(pk=question.duplicate_of_id).first()


def visible_question(request, pk: int) -> Question:
    return get_object_or_404(thread_queryset(request.user), pk=pk)


def visible_post(request, kind: str, pk: int):
    model = POST_MODELS.get(kind)
    if model is None:
        raise Http404
    post = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    if kind != "question":
        get_object_or_404(Question.objects.visible_to(request.user), pk=post.question_id)
    return post


@require_POST
@login_required
def vote(request, kind: str, pk: int):
    if kind not in ("question", "answer"):
        raise Http404
    post = visible_post(request, kind, pk)
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        value = int(request.POST.get("value", ""))
        score = services.vote(actor=request.user, post=post, value=value)
    except (ValueError, ValidationError) as error:
        message = " ".join(getattr(error, "messages", [])) or _("A vote is +1, −1 or withdrawn.")
        if wants_json:
            return JsonResponse({"error": message}, status=400)
        messages.error(request, message)
        return redirect(post.get_absolute_url())
    if wants_json:
        return JsonResponse({"score": score, "vote": value})
    return redirect(post.get_absolute_url())


@require_POST
@login_required
def accept(request, pk: int):
    answer = visible_post(request, "answer", pk)
    try:
        if request.POST.get("action") == "remove":
            services.unaccept_answer(actor=request.user, question=answer.question)
        else:
            services.accept_answer(actor=request.user, answer=answer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(answer.get_absolute_url())


@require_POST
@login_required
def official(request, pk: int):
    """Support staff mark the answer official, or (``action=remove``) the thread has none."""
    answer = visible_post(request, "answer", pk)
    if request.POST.get("action") == "remove":
        services.unmark_official_answer(actor=request.user, question=answer.question)
    else:
        services.mark_official_answer(actor=request.user, answer=answer)
    return redirect(answer.get_absolute_url())


@require_POST
@login_required
def follow(request, pk: int):
    question = visible_question(request, pk)
    if request.POST.get("action") == "unfollow":
        services.unsubscribe(actor=request.user, question=question)
        messages.success(request, _("You no longer follow this thread."))
    else:
        services.subscribe(actor=request.user, question=question)
        messages.success(request, _("You now follow this thread and will get emails about it."))
    return redirect(question)


@require_POST
@login_required
def change_status(request, kind: str, pk: int):
    """Delete (authors and moderators) or restore (moderators) a post."""
    post = visible_post(request, kind, pk)
    action = request.POST.get("action")
    if action == "restore":
        services.restore_post(actor=request.user, post=post)
        messages.success(request, _("The post was restored."))
    elif action == "delete":
        services.delete_post(actor=request.user, post=post)
        messages.success(request, _("The post was deleted."))
    else:
        raise Http404
    question_id = post.pk if kind == "question" else post.question_id
    if not Question.objects.visible_to(request.user).filter(pk=question_id).exists():
        return redirect("forum:question_list")
    return redirect(post.get_absolute_url())


@require_POST
@login_required
def moderate(request, pk: int):
    """Moderator actions on a thread: close, reopen, lock, unlock, mark duplicate."""
    if not rules.can_moderate_posts(request.user):
        raise PermissionDenied
    question = visible_question(request, pk)
    action = request.POST.get("action")
    try:
        _moderate(request, question, action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(question)


def _moderate(request, question, action):
    actor = request.user
    if action == "close":
        form = CloseForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose a reason for closing."))
        services.close_question(actor=actor, question=question, reason=form.cleaned_data["reason"])
    elif action == "reopen":
        services.reopen_question(actor=actor, question=question)
    elif action in ("lock", "unlock"):
        services.set_locked(actor=actor, question=question, locked=action == "lock")
    elif action == "duplicate":
        form = DuplicateForm(request.POST)
        original = None
        if form.is_valid():
            original = Question.objects.visible_to(actor).filter(pk=form.cleaned_data["original"])
            original = original.first()
        if original is None:
            raise ValidationError(_("There is no question with that number."))
        services.mark_duplicate(actor=actor, question=question, original=original)
    else:
        raise Http404
    messages.success(request, _("The thread was updated."))


def revisions(request, kind: str, pk: int):
    if kind not in ("question", "answer"):
        raise Http404
    post = visible_post(request, kind, pk)
    question = post if kind == "question" else post.question
    history = revision_history(post, page=request.GET.get("page"))
    context = {"post": post, "question": question, "kind": kind, "history": history}
    return render(request, "forum/revision_list.html", context)


def unsubscribe(request, token: str):
    """The link in every email: one click shows a confirmation, the button stops the emails."""
    try:
        user_id, question_id = read_unsubscribe_token(token)
    except signing.BadSignature:
        raise Http404
    person = get_object_or_404(get_user_model(), pk=user_id)
    question = get_object_or_404(Question, pk=question_id)
    done = request.method == "POST"
    if done:
        services.unsubscribe(actor=person, question=question)
    return render(request, "forum/unsubscribe.html", {"question": question, "done": done})

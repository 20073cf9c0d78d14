"""Pages of the community forum. Views parse input, call a service and render or redirect."""

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from moderation.services import RateLimited, Suspended, check_can_post

from . import rules, services
from .forms import (
    AnswerForm,
    AskForm,
    CloseForm,
    CommentForm,
    DuplicateForm,
    EditAnswerForm,
    EditCommentForm,
    EditQuestionForm,
    ListFilterForm,
    rendered_at_stamp,
)
from .markdown import render_markdown
from .models import Answer, Category, Comment, PostStatus, Question, QuestionTag
from .notifications import read_unsubscribe_token
from .revisions import revision_history
from .selectors import load_thread, thread_queryset
from .seo import is_indexable
from .structured_data import breadcrumbs, json_ld, qa_page

POST_MODELS = {"question": Question, "answer": Answer, "comment": Comment}
PAGE_SIZE = 20
# Moderation refuses a post with these; the form shows why and keeps what was typed.
REFUSALS = {RateLimited: 429, Suspended: 403}


def _refusal_status(error) -> int:
    return REFUSALS[type(error)]


def question_list(request):
    """Questions in the visitor's language by default, filtered and sorted as asked."""
    form = ListFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    questions = Question.objects.visible_to(request.user).for_list()
    show = params.get("show") or "all"
    if show in ("unanswered", "unsolved", "solved"):
        questions = getattr(questions, show)()
    if params.get("tag"):
        questions = questions.filter(tags__name=params["tag"].lower())
    if params.get("category"):
        questions = questions.filter(category__slug=params["category"])
    language = params.get("language") or get_language()
    if language != "all":
        questions = questions.in_language(language)
    sort = params.get("sort") or "activity"
    page = Paginator(questions.sorted_by(sort), PAGE_SIZE).get_page(request.GET.get("page"))
    kept = {"sort": sort, "language": language, **_filled(params, "tag", "category")}
    context = {
        "page_obj": page,
        "show": show,
        "sort": sort,
        "language": language,
        "params": params,
        "filter_query": urlencode(kept),
        "page_query": urlencode({"show": show, **kept}),
        "form": form,
        "categories": list(Category.objects.all()),
    }
    response = render(request, "forum/question_list.html", context)
    if params.get("tag"):
        response["X-Robots-Tag"] = "noindex"  # tag listings are thin copies of the list
    if not _is_the_list_asked_for(request, form, page, context["categories"]):
        # Another copy of a page that exists (or of none): shared caches must not keep it.
        patch_cache_control(response, private=True)
    return response


def _is_the_list_asked_for(request, form, page, categories) -> bool:
    """Whether the parameters name a list that exists: valid filters, an existing tag and
    category, and the page that was shown (past the last page shows the last one)."""
    if request.GET and not form.is_valid():
        return False
    params = form.cleaned_data if request.GET else {}
    if request.GET.get("page", str(page.number)) != str(page.number):
        return False
    if params.get("category") and params["category"] not in {c.slug for c in categories}:
        return False
    tag = params.get("tag", "").lower()
    # A list with questions has its tag; only an empty one needs asking.
    if not tag or page.paginator.count:
        return True
    return QuestionTag.tag_model().objects.filter(name=tag).exists()


def _filled(params: dict, *names) -> dict:
    return {name: params[name] for name in names if params.get(name)}


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
    preview = refusal = None
    status = 200
    if "preview" in request.POST:
        try:
            preview = _render_preview(request)
        except (RateLimited, Suspended) as error:
            refusal, status = error.message, _refusal_status(error)
    elif request.method == "POST" and form.is_valid():
        return _create_question(request, form, source_page)
    context = {"form": form, "source_page": source_page, "preview": preview, "refusal": refusal}
    return render(request, "forum/question_form.html", context, status=status)


def _render_preview(request) -> str:
    """The markdown preview, after the same refusals as posting (suspension, a rate limit), so
    previews cannot be used to make the server render without limit."""
    check_can_post(user=request.user, action="preview")
    return render_markdown(request.POST.get("body", "")[: rules.BODY_MAX])


def _create_question(request, form, source_page):
    data = form.cleaned_data
    status = 400
    try:
        question = services.create_question(actor=request.user, source_page=source_page, **data)
    except (RateLimited, Suspended) as error:
        form.add_error(None, error.message)
        status = _refusal_status(error)
    except ValidationError as error:
        form.add_error(None, error)
    if form.errors:
        context = {"form": form, "source_page": source_page}
        return render(request, "forum/question_form.html", context, status=status)
    return redirect(question)


@require_POST
@login_required
def preview(request):
    """The live preview: the same sanitiser as published posts, as an HTML fragment."""
    try:
        return HttpResponse(_render_preview(request))
    except (RateLimited, Suspended) as error:
        notice = format_html('<p class="notice notice--error">{}</p>', error.message)
        return HttpResponse(notice, status=_refusal_status(error))


def question_shortlink(request, pk: int):
    question = get_object_or_404(Question.objects.visible_to(request.user), pk=pk)
    return redirect(question, permanent=True)


def question_detail(request, pk: int, slug: str):
    question = thread_queryset(request.user).filter(pk=pk).first()
    if question is None:
        return _missing_thread(request, pk)
    if slug != question.slug:
        return redirect(question, permanent=True)
    services.record_view(question_id=question.pk)
    return _render_thread(request, question)


def _flag_types() -> dict:
    return {
        kind: ContentType.objects.get_for_model(model).pk for kind, model in POST_MODELS.items()
    }


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


def _render_thread(
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


def _visible_original(question, viewer):
    """The question this one duplicates, only if the viewer may open it: a deleted or hidden
    original's title is never shown, nor a link to its 404."""
    if question.duplicate_of_id is None:
        return None
    return Question.objects.visible_to(viewer).filter(pk=question.duplicate_of_id).first()


def _visible_question(request, pk: int) -> Question:
    return get_object_or_404(thread_queryset(request.user), pk=pk)


def _visible_post(request, kind: str, pk: int):
    model = POST_MODELS.get(kind)
    if model is None:
        raise Http404
    post = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    if kind != "question":
        get_object_or_404(Question.objects.visible_to(request.user), pk=post.question_id)
    return post


@require_POST
@login_required
def answer_create(request, pk: int):
    question = _visible_question(request, pk)
    form = AnswerForm(request.POST)
    status = 400
    if "preview" in request.POST:
        try:
            preview = _render_preview(request)
        except (RateLimited, Suspended) as error:
            form.add_error(None, error.message)
            return _render_thread(
                request, question, answer_form=form, status=_refusal_status(error)
            )
        return _render_thread(request, question, answer_form=form, answer_preview=preview)
    if form.is_valid():
        try:
            answer = services.create_answer(
                actor=request.user, question=question, **form.cleaned_data
            )
        except (RateLimited, Suspended) as error:
            form.add_error(None, error.message)
            status = _refusal_status(error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(answer.get_absolute_url())
    return _render_thread(request, question, answer_form=form, status=status)


@require_POST
@login_required
def comment_create(request, pk: int):
    question = _visible_question(request, pk)
    form = CommentForm(request.POST)
    raw_answer = request.POST.get("answer", "")
    form.target = int(raw_answer) if raw_answer.isdigit() else ""
    status = 400
    if form.is_valid():
        answer_id = form.cleaned_data.pop("answer")
        answer = _visible_post(request, "answer", answer_id) if answer_id else None
        if answer is not None and answer.question_id != question.pk:
            raise Http404
        try:
            comment = services.create_comment(
                actor=request.user, question=question, answer=answer, **form.cleaned_data
            )
        except (RateLimited, Suspended) as error:
            form.add_error(None, error.message)
            status = _refusal_status(error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if comment.status == PostStatus.PENDING:
                _say_held(request, comment)
            return redirect(comment.get_absolute_url())
    return _render_thread(request, question, comment_form=form, status=status)


@require_POST
@login_required
def vote(request, kind: str, pk: int):
    if kind not in ("question", "answer"):
        raise Http404
    post = _visible_post(request, kind, pk)
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
    answer = _visible_post(request, "answer", pk)
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
def follow(request, pk: int):
    question = _visible_question(request, pk)
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
    post = _visible_post(request, kind, pk)
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
    question = _visible_question(request, pk)
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


@login_required
def question_edit(request, pk: int):
    question = _visible_question(request, pk)
    if not rules.can_edit(request.user, question):
        raise PermissionDenied
    form = EditQuestionForm.for_question(question, request.POST or None)
    conflict = None
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        base_version = data.pop("version")
        try:
            edited = services.edit_question(
                actor=request.user, question=question, base_version=base_version, **data
            )
            _edit_saved(request, edited)
            return redirect(question)
        except services.EditConflict as error:
            conflict = error.current
            form = _with_version(EditQuestionForm, request.POST, conflict.version)
        except (RateLimited, Suspended) as error:
            form.add_error(None, error.message)
            status = _refusal_status(error)
        except ValidationError as error:
            form.add_error(None, error)
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


@login_required
def answer_edit(request, pk: int):
    answer = _visible_post(request, "answer", pk)
    if not rules.can_edit(request.user, answer):
        raise PermissionDenied
    initial = {"body": answer.body, "version": answer.version}
    form = EditAnswerForm(request.POST or None, initial=initial)
    conflict = None
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        base_version = data.pop("version")
        try:
            edited = services.edit_answer(
                actor=request.user, answer=answer, base_version=base_version, **data
            )
            _edit_saved(request, edited)
            return redirect(answer.get_absolute_url())
        except services.EditConflict as error:
            conflict = error.current
            form = _with_version(EditAnswerForm, request.POST, conflict.version)
        except (RateLimited, Suspended) as error:
            form.add_error(None, error.message)
            status = _refusal_status(error)
        except ValidationError as error:
            form.add_error(None, error)
    context = {"form": form, "answer": answer, "question": answer.question, "conflict": conflict}
    return render(request, "forum/answer_edit.html", context, status=status)


@login_required
def comment_edit(request, pk: int):
    """A small page of its own, so editing a comment needs no JavaScript."""
    comment = _visible_post(request, "comment", pk)
    if not rules.can_edit(request.user, comment):
        raise PermissionDenied
    form = EditCommentForm(request.POST or None, initial={"body": comment.body})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            edited = services.edit_comment(actor=request.user, comment=comment, **form.cleaned_data)
            _edit_saved(request, edited)
            return redirect(comment.get_absolute_url())
        except Suspended as error:
            form.add_error(None, error.message)
            status = _refusal_status(error)
        except ValidationError as error:
            form.add_error(None, error)
    context = {"form": form, "comment": comment, "question": comment.question}
    return render(request, "forum/comment_edit.html", context, status=status)


def _with_version(form_class, data, version: int):
    """The editor's own text again, now based on the version someone else saved."""
    data = data.copy()
    data["version"] = str(version)
    form = form_class(data)
    form.is_valid()
    return form


def revisions(request, kind: str, pk: int):
    if kind not in ("question", "answer"):
        raise Http404
    post = _visible_post(request, kind, pk)
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

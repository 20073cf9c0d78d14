"""The question list: filters and sorts (`forum.filters.QuestionFilter`), pages."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from ..filters import QuestionFilter
from ..models import Category, CategoryFollow, Question, QuestionTag, TagFollow

PAGE_SIZE = 20


def question_list(request):
    """Questions in the visitor's language by default, filtered and sorted as asked."""
    questions = Question.objects.visible_to(request.user).for_list()
    filters = QuestionFilter(request.GET, queryset=questions, request=request)
    params = filters.params
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    kept = {"sort": params["sort"], "language": params["language"]}
    kept |= _filled(params, "tag", "category")
    context = {
        "page_obj": page,
        "show": params["show"],
        "sort": params["sort"],
        "language": params["language"],
        "params": params,
        "filter_query": urlencode(kept),
        "page_query": urlencode({"show": params["show"], **kept}),
        "form": filters.form,
        "categories": list(Category.objects.all()),
    }
    context["follow_buttons"] = _follow_buttons(request, params, context["categories"])
    response = render(request, "forum/question_list.html", context)
    if params["tag"]:
        response["X-Robots-Tag"] = "noindex"  # tag listings are thin copies of the list
    if not _is_the_list_asked_for(request, filters, page, context["categories"]):
        # Another copy of a page that exists (or of none): shared caches must not keep it.
        patch_cache_control(response, private=True)
    return response


def _is_the_list_asked_for(request, filters, page, categories) -> bool:
    """Whether the parameters name a list that exists: valid filters, an existing tag and
    category, and the page that was shown (past the last page shows the last one)."""
    if not filters.is_valid():
        return False
    params = filters.params
    if request.GET.get("page", str(page.number)) != str(page.number):
        return False
    if params["category"] and params["category"] not in {c.slug for c in categories}:
        return False
    tag = params["tag"].lower()
    # A list with questions has its tag; only an empty one needs asking.
    if not tag or page.paginator.count:
        return True
    return QuestionTag.tag_model().objects.filter(name=tag).exists()


def _follow_buttons(request, params, categories) -> list[dict]:
    """Follow or unfollow buttons for the tag and the category shown, for a signed-in person
    only (an anonymous visitor's page, which the page cache keeps, has none)."""
    if not request.user.is_authenticated:
        return []
    buttons = []
    tag_name = (params.get("tag") or "").lower()
    if tag_name:
        tag = QuestionTag.tag_model().objects.filter(name=tag_name).first()
        if tag is not None:
            following = TagFollow.objects.filter(user=request.user, tag=tag).exists()
            buttons.append({"kind": "tag", "name": tag.name, "following": following})
    category = next((c for c in categories if c.slug == params.get("category")), None)
    if category is not None:
        following = CategoryFollow.objects.filter(user=request.user, category=category).exists()
        buttons.append({"kind": "category", "category": category, "following": following})
    return buttons


def _filled(params: dict, *names) -> dict:
    return {name: params[name] for name in names if params.get(name)}

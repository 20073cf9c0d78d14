"""Following a tag or a category from its question list (the buttons post here)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..models import Category

TAG_NAME_LIMIT = 100


@require_POST
@login_required
def follow_tag(request):
    name = request.POST.get("tag", "")[:TAG_NAME_LIMIT].strip().lower()
    if request.POST.get("action") == "unfollow":
        services.unfollow_tag(actor=request.user, name=name)
        messages.success(request, _("You no longer follow this tag."))
    else:
        try:
            services.follow_tag(actor=request.user, name=name)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("You now follow this tag: new questions in it will be in your notifications."),
            )
    return redirect(f"{reverse('forum:question_list')}?{urlencode({'tag': name})}")


@require_POST
@login_required
def follow_category(request, slug: str):
    category = get_object_or_404(Category, slug=slug)
    if request.POST.get("action") == "unfollow":
        services.unfollow_category(actor=request.user, category=category)
        messages.success(request, _("You no longer follow this category."))
    else:
        services.follow_category(actor=request.user, category=category)
        messages.success(
            request,
            _("You now follow this category: new questions in it will be in your notifications."),
        )
    return redirect(f"{reverse('forum:question_list')}?{urlencode({'category': slug})}")

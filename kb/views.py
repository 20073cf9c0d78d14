"""The reader feedback endpoint: a plain form post, enhanced by kb/static/kb/feedback.js."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moderation.limits import client_ip

from .forms import FeedbackForm
from .models import ArticlePage
from .services import FeedbackRateLimited, record_feedback


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _reply(request, article, status: int, message: str, form=None, **extra):
    """JSON for the script; otherwise a redirect on success, or the article again with the
    visitor's answers kept and the error shown next to the form."""
    if _wants_json(request):
        return JsonResponse({"message": message, **extra}, status=status)
    if status == 200:
        messages.success(request, message)
        return redirect(f"{article.url}#feedback")
    context = article.get_context(request)
    context.update(feedback_form=form, feedback_error=message)
    return TemplateResponse(request, article.get_template(request), context, status=status)


@require_POST
def feedback(request, page_id: int):
    article = get_object_or_404(ArticlePage.objects.live().public(), pk=page_id)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        errors = [str(error) for field_errors in form.errors.values() for error in field_errors]
        return _reply(request, article, 400, " ".join(errors), form=form, errors=form.errors)
    if not request.session.session_key:
        request.session.save()
    try:
        vote = record_feedback(
            article=article,
            actor=request.user,
            session_key=request.session.session_key,
            client_ip=client_ip(request),
            **form.cleaned_data,
        )
    except FeedbackRateLimited as error:
        return _reply(request, article, 429, str(error), form=form)
    except ValidationError as error:
        return _reply(request, article, 400, " ".join(error.messages), form=form)
    message = _("Thank you! Your feedback helps us improve this article.")
    return _reply(request, article, 200, message, helpful=vote.helpful)

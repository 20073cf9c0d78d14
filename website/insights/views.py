"""The survey page (from the email's link, and where the thread's panel posts)."""

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import rules, surveys
from .forms import SurveyForm
from .models import Survey


def _survey(request, token: str) -> Survey:
    """The survey a link names: 404 for a wrong or expired link, 403 for someone else's."""
    try:
        survey_id = surveys.read_survey_token(token)
    except signing.BadSignature as error:
        raise Http404(_("This survey link is not valid or has expired.")) from error
    survey = Survey.objects.select_related("question").filter(pk=survey_id).first()
    if survey is None or not (survey.is_answered or survey.is_open(timezone.now())):
        raise Http404(_("This survey link is not valid or has expired."))
    if not rules.is_survey_asker(request.user, survey):
        raise PermissionDenied(_("This survey was sent to someone else."))
    return survey


@login_required
def survey_page(request, token: str):
    survey = _survey(request, token)
    form = SurveyForm(request.POST or None)
    status = 200
    if request.method == "POST" and not form.is_valid():
        status = 400
    elif request.method == "POST":
        try:
            surveys.answer_survey(actor=request.user, survey=survey, **form.cleaned_data)
        except surveys.SurveyLimited as error:
            form.add_error(None, error)
            status = 429
        except ValidationError as error:
            form.add_error(None, error)
            status = 400
        else:
            if request.POST.get("from") == "thread":
                return redirect(f"{survey.question.get_absolute_url()}#survey")
            return redirect(request.path)
    context = {"survey": survey, "question": survey.question, "form": form}
    response = render(request, "insights/survey.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response

"""The satisfaction survey's parts: asked when an answer is accepted (the forum's thread
events) or a support case is solved (support's case events), and its panel on the thread."""

from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from . import surveys
from .forms import SurveyForm
from .models import Survey


@hooks.register("dalil_thread_event")
def ask_when_answer_accepted(event, *, question_id, actor, **data):
    if event == "answer.accepted":
        surveys.ask_after_accepted_answer(question_id=question_id, answer_id=data["answer"])


@hooks.register("dalil_case_event")
def ask_when_case_solved(event, *, case_id, actor, **data):
    if event == "case.state_changed" and data.get("state") == "solved":
        surveys.ask_after_solved_case(case_id=case_id)


@hooks.register("dalil_thread_panels")
def survey_thread_panel(request, question):
    """To the asker only: the survey's form while it is open, then a thank-you line. No query
    for anyone else, one for the asker (their newest survey about this thread)."""
    user = request.user
    if not user.is_authenticated or not question.pk or question.author_id != user.pk:
        return None
    survey = (
        Survey.objects.filter(question_id=question.pk, asker_id=user.pk).order_by("-pk").first()
    )
    if survey is None or not (survey.is_answered or survey.is_open(timezone.now())):
        return None
    return {
        "template": "insights/thread_panel.html",
        "survey": survey,
        "form": SurveyForm(),
        "action": reverse("insights:survey", kwargs={"token": surveys.survey_token(survey)}),
    }

"""The survey's email: "Did this solve your problem?" with a link to the survey page, in the
asker's language (their chosen one, else the question's). It is also a notice on the site, and
the email follows the asker's choice for "Satisfaction survey" emails like every other kind
(off means no email; a digest lists it). Sent after commit as a background task; the event key
makes a task run twice email nobody twice."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from forum.notifications import deliver_email
from moderation.actions.notifications import mark_emailed, notify_about_content
from moderation.links import absolute_url
from moderation.models import Delivery, Notification
from moderation.rules import SystemActor
from moderation.tasks import email_off_url

from .models import Survey
from .surveys import survey_language, survey_token

KIND = Notification.Kind.SURVEY
SYSTEM = SystemActor(name="insights-survey", label="Satisfaction survey")


def survey_url(survey: Survey) -> str:
    """The survey page's address in the active language."""
    return reverse("insights:survey", kwargs={"token": survey_token(survey)})


@task()
def send_survey_email(survey_id: int) -> bool:
    """Ask the asker by notice and, as they chose, by email; True when an email went."""
    survey = (
        Survey.objects.select_related("asker", "question")
        .filter(pk=survey_id, rating__isnull=True)
        .first()
    )
    if survey is None:
        return False
    asker = survey.asker
    with translation.override(survey_language(survey)):
        notification = notify_about_content(
            recipient=asker,
            kind=KIND,
            target_label=survey.question.title,
            target_url=survey_url(survey),
            actor=SYSTEM,
            event_key=f"survey:{survey.pk}",
        )
        if notification is None or notification.delivery != Delivery.AT_ONCE:
            return False
        if not asker.email or not mark_emailed(notification):
            return False
        context = {
            "recipient": asker,
            "question": survey.question,
            "survey_url": absolute_url(survey_url(survey)),
            "thread_url": absolute_url(survey.question.get_absolute_url()),
            "email_off_url": email_off_url(user_id=asker.pk, kind=KIND),
        }
        subject = render_to_string("insights/email/survey_subject.txt", context)
        body = render_to_string("insights/email/survey.txt", context)
    Survey.objects.filter(pk=survey.pk).update(emailed_at=timezone.now())
    deliver_email(subject=" ".join(subject.split()), body=body, address=asker.email)
    return True

"""The support desk, walked as its people use it: a customer's question nobody answers goes to
the support team by itself after its target, a staff member claims the case in the admin and
answers on the thread with the "Support team" badge, the customer sends a private detail and
accepts the answer, and the case is solved. Both languages, desktop and phone."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from forum import services as forum
from forum.models import Category, Question
from moderation.models import ScheduledRun
from support.models import Case
from website.demo import PEOPLE

SHOTS = Path("/tmp/shots-support")
ASKER = {"en": "james", "ar": "layla"}
STAFF = {"en": "omar", "ar": "noura"}
TITLE = {
    "en": "My fibre bill shows the installation fee a second time",
    "ar": "فاتورة الألياف تعرض رسوم التركيب مرة ثانية",
}
BODY = {
    "en": "This month's bill lists the installation fee again although it was paid in March.",
    "ar": "تظهر رسوم التركيب في فاتورة هذا الشهر مرة أخرى مع أنني دفعتها في مارس.",
}
ANSWER = {
    "en": "We checked your account: the second fee was a billing error and is refunded today.",
    "ar": "راجعنا حسابك: الرسوم الثانية خطأ في الفوترة وقد أُعيدت إليك اليوم.",
}
TEXT = {
    "en": {
        "with": "With our support team",
        "badge": "Support team",
        "solved": "Solved",
        "notice": "Your support case",
    },
    "ar": {
        "with": "لدى فريق الدعم",
        "badge": "فريق الدعم",
        "solved": "محلول",
        "notice": "طلب الدعم الخاص بك",
    },
}


def person(key):
    demo = next(p for p in PEOPLE if p.key == key)
    return demo.email, demo.password


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_unanswered_question_reaches_the_team_and_ends_solved(
    sized_journey, browser, demo_site, settings, language, viewport
):
    journey, page = sized_journey, sized_journey.page
    SHOTS.mkdir(exist_ok=True)
    asker_email, asker_password = person(ASKER[language])
    asker = next(p for p in PEOPLE if p.key == ASKER[language])
    from django.contrib.auth import get_user_model

    customer = get_user_model().objects.get(email=asker.email)
    question = forum.create_question(
        actor=customer,
        title=TITLE[language],
        body=BODY[language],
        language=language,
        category=Category.objects.get(slug="support-channels"),
    )
    text = TEXT[language]

    with journey.step("nobody answers; after its target the scheduler hands it to the team"):
        Question.objects.filter(pk=question.pk).update(
            created_at=timezone.now() - timedelta(hours=30)
        )
        ScheduledRun.objects.filter(name="support_escalation").delete()
        call_command("scheduler", "--once")
        case = Case.objects.get(question=question)
        assert (case.source, case.state) == ("automatic", "new")

    with journey.step("the asker is told on the site and by email"):
        assert any(asker_email in message.to for message in mail.outbox)
        journey.log_in(asker_email, asker_password, language=language)
        journey.goto(f"/{language}/moderation/notifications/")
        assert text["notice"] in page.locator("main").inner_text()
        page.screenshot(path=str(SHOTS / f"notice-{language}-{viewport}.png"), full_page=True)

    with journey.step("the asker sees the team has it, and sends a private detail"):
        journey.goto(journey.thread_path(question, language))
        journey.assert_direction(language)
        panel = page.locator("#support")
        assert text["with"] in panel.inner_text()
        panel.locator("textarea[name=body]").fill("Account 7781-22")
        panel.locator("form[action$='/notes/'] button").click()
        page.wait_for_load_state()
        assert "Account 7781-22" in page.locator("#support").inner_text()
        page.screenshot(path=str(SHOTS / f"asker-panel-{language}-{viewport}.png"), full_page=True)

    with journey.step("a staff member claims the case in the admin"):
        context = browser.new_context(viewport=page.viewport_size)
        staff_page = context.new_page()
        staff_page.set_default_timeout(10_000)
        staff_email, staff_password = person(STAFF[language])
        journey.log_in(staff_email, staff_password, language=language, page=staff_page)
        staff_page.goto(journey.url("/admin/support/"))
        row = staff_page.locator("tr", has_text=TITLE[language])
        row.locator("button").click()
        staff_page.wait_for_load_state()
        case.refresh_from_db()
        assert case.assignee is not None and case.state == "open"
        staff_page.screenshot(path=str(SHOTS / f"cases-{language}-{viewport}.png"), full_page=True)

    with journey.step("they answer on the thread, with the Support team badge"):
        staff_page.goto(journey.url(journey.thread_path(question, language)))
        assert "Account 7781-22" in staff_page.locator("#support").inner_text()
        staff_page.wait_for_timeout(1500)  # a person reads before answering
        form = staff_page.locator("form[action$='/-/answer/']")
        form.locator("textarea[name=body]").fill(ANSWER[language])
        form.locator("button[type=submit]:not([name=preview])").click()
        staff_page.wait_for_load_state()
        answer = question.answers.get()
        assert answer.by_support_team
        badge = staff_page.locator(f"#answer-{answer.pk} .badge--team")
        assert badge.inner_text().strip() == text["badge"]
        context.close()

    with journey.step("the asker accepts it and the case is solved"):
        journey.goto(journey.thread_path(question, language))
        page.locator(f"form[action$='/answers/{answer.pk}/accept/'] button").click()
        page.wait_for_load_state()
        case.refresh_from_db()
        assert case.state == "solved"
        assert re.search(text["solved"], page.locator("#support").inner_text())
        page.screenshot(path=str(SHOTS / f"solved-{language}-{viewport}.png"), full_page=True)

    with journey.step("a visitor sees the thread without the private note"):
        visitor = browser.new_context(viewport=page.viewport_size).new_page()
        visitor.goto(journey.url(journey.thread_path(question, language)))
        assert "Account 7781-22" not in visitor.content()
        visitor.context.close()

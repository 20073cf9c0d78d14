"""Journey 4: support staff promote an accepted answer into a knowledge-base draft, a second
staff member approves it in the Wagtail workflow, and it goes live with links both ways."""

import re

import pytest

from forum.models import Question
from kb.models import ArticlePage, CategoryPage, Provenance


@pytest.mark.parametrize("language", ["en", "ar"])
def test_staff_promote_an_answer_and_a_colleague_publishes_it(
    journey, browser, demo_site, language
):
    promoted = Provenance.objects.values_list("question_id", flat=True)
    question = (
        Question.objects.filter(language=language, status="published")
        .exclude(accepted_answer=None)
        .exclude(pk__in=promoted)
        .first()
    )
    page = journey.page
    with journey.step("staff open the thread and promote the accepted answer"):
        journey.log_in("noura@dalil.example", "noura-demo-2026", language=language)
        journey.goto(journey.thread_path(question, language))
        page.locator(".kb-promotion a.button").click()
        page.wait_for_url(re.compile("/kb-promote/"))
        journey.assert_direction(language)
        choice = str(CategoryPage.objects.live().filter(locale__language_code=language).first().pk)
        page.select_option("select[name=category]", choice)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        provenance = Provenance.objects.get(question=question)
        article = ArticlePage.objects.get(pk=provenance.article_id)
        assert not article.live
        assert article.current_workflow_state is not None

    with journey.step("a second staff member approves it in the admin"):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        reviewer = context.new_page()
        journey.log_in("omar@dalil.example", "omar-demo-2026", language=language, page=reviewer)
        reviewer.goto(journey.url("/admin/"))
        approve = reviewer.locator(
            f"button[data-workflow-action-url*='/workflow/action/{article.pk}/approve/']"
            ":not([data-launch-modal])"
        ).first
        # "Awaiting your review" on the dashboard: Wagtail's own handler posts the approval.
        with reviewer.expect_navigation():
            approve.evaluate("button => button.click()")
        article.refresh_from_db()
        assert article.live
        context.close()

    with journey.step("the article credits the answer and the thread links to the article"):
        journey.goto(article.url)
        credit = page.locator(f"a[href*='/questions/{question.pk}/']").first
        assert credit.is_visible()
        journey.goto(journey.thread_path(question, language))
        assert page.locator(f".kb-promotion a[href='{article.url}']").is_visible()
        journey.screenshot(f"promoted-thread-{language}")

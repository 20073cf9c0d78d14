"""Journey 4: support staff promote an accepted answer into a knowledge-base draft, a second
staff member approves it in the Wagtail workflow, and it goes live with links both ways."""

import re
from pathlib import Path

import pytest

from forum.models import Question
from kb.models import ArticlePage, CategoryPage, Provenance

SHOTS = Path("/tmp/shots-promote")
LANGUAGE_NOTE = {
    "en": {"en": "Only categories in English", "ar": "Only categories in Arabic"},
    "ar": {"en": "الفئات باللغة الإنجليزيّة", "ar": "الفئات باللغة العربيّة"},
}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_staff_promote_an_answer_and_a_colleague_publishes_it(
    journey, browser, demo_site, language
):
    promoted = Provenance.objects.values_list("question_id", flat=True)
    question = (
        Question.objects.filter(language=language, status="published")
        .exclude(accepted_answer=None)
        .exclude(pk__in=promoted)
        .exclude(tags=None)
        .first()
    )
    tags = sorted(question.tags.values_list("name", flat=True))
    SHOTS.mkdir(exist_ok=True)
    page = journey.page
    with journey.step("staff open the thread and promote the accepted answer"):
        journey.log_in("noura@dalil.example", "noura-demo-2026", language=language)
        journey.goto(journey.thread_path(question, language))
        page.locator(".kb-promotion a.button").click()
        page.wait_for_url(re.compile("/kb-promote/"))
        journey.assert_direction(language)
        assert page.input_value("input[name=title]") == question.title
        assert page.locator("select[name=language], input[name=language]").count() == 0
        assert LANGUAGE_NOTE[language][language] in page.locator("main form").inner_text()
        offered = page.locator("select[name=category] option").evaluate_all(
            "options => options.map(option => option.value).filter(Boolean)"
        )
        same_language = CategoryPage.objects.filter(locale__language_code=language)
        assert offered and set(offered) == {
            str(pk) for pk in same_language.values_list("pk", flat=True)
        }
        choice = str(same_language.live().first().pk)
        page.select_option("select[name=category]", choice)
        title = f"{question.title} ({'guide' if language == 'en' else 'دليل'})"
        page.fill("input[name=title]", title)
        page.screenshot(path=str(SHOTS / f"promote-form-{language}.png"), full_page=True)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        provenance = Provenance.objects.get(question=question)
        article = ArticlePage.objects.get(pk=provenance.article_id)
        assert not article.live
        assert article.current_workflow_state is not None

    with journey.step("the draft reads as an article: answer as body and summary, tags carried"):
        answer_text = " ".join(question.accepted_answer.body.split())
        assert article.title == title
        assert article.summary and article.summary not in question.body
        assert article.summary.split()[0] in answer_text
        assert sorted(tag.name for tag in article.tags.all()) == tags
        headings = [b.value["text"] for b in article.body if b.block_type == "heading"]
        assert not {"The question", "The answer", "السؤال", "الإجابة"} & set(headings)
        assert page.input_value("#id_summary") == article.summary
        page.screenshot(path=str(SHOTS / f"promote-draft-{language}.png"), full_page=False)

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

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, PageLogEntry

from forum import services as forum
from forum.models import Category, PostStatus, Question
from kb import services
from kb.conversion import markdown_to_blocks
from kb.drift import (
    SOURCE_EDITED,
    SOURCE_HIDDEN,
    SOURCE_OTHER_ACCEPTED,
    SOURCE_UNACCEPTED,
    article_drift,
)
from kb.models import ArticlePage, Nomination, Provenance
from moderation.actions.stale import mark_stale_reviewed
from moderation.models import StaleSignal
from moderation.stale import run_sweep
from tests.exports import admin_language, csv_rows, xlsx_rows
from tests.factories import UserFactory

from .conftest import make_category

pytestmark = pytest.mark.django_db

RICH_ANSWER = {
    "en": """## Check the router first

Restart the **router**, then open [the status page](https://status.example.com/?line=1&x=2).

1. Unplug the power for *ten seconds*
2. Plug it back in

- Lights should turn green
- Call us if they stay red

```bash
ping -c 4 192.168.1.1
```

<script>alert("x")</script> and [a trap](javascript:alert(1))
""",
    "ar": """## تحقق من الراوتر أولاً

أعد تشغيل **الراوتر** ثم افتح [صفحة الحالة](https://status.example.com/ar/).

1. افصل الكهرباء *عشر ثوانٍ*
2. أعد توصيلها

- يجب أن تصبح الأضواء خضراء
- اتصل بنا إذا بقيت حمراء

```ussd
*123#
```
""",
}
TITLES = {
    "en": "Fibre internet drops every evening",
    "ar": "الإنترنت المنزلي ينقطع كل مساء",
}
QUESTION_BODIES = {
    "en": "My home fibre drops every evening around eight. What should I check first?",
    "ar": "ينقطع الإنترنت المنزلي كل مساء عند الثامنة تقريباً. ما الذي أتحقق منه أولاً؟",
}
TAGS = {"en": ["fibre", "router"], "ar": ["ألياف", "راوتر"]}
ANSWER_OPENINGS = {
    "en": "Restart the router, then open the status page.",
    "ar": "أعد تشغيل الراوتر ثم افتح صفحة الحالة.",
}
OLD_HEADINGS = {"en": ("The question", "The answer"), "ar": ("السؤال", "الإجابة")}
PROMOTE_TEXT = {"en": "Promote to knowledge base", "ar": "انقل إلى قاعدة المعرفة"}
NOW_ARTICLE_TEXT = {
    "en": "This answer is now a knowledge-base article",
    "ar": "أصبحت هذه الإجابة مقالاً في قاعدة المعرفة",
}
BASED_ON_TEXT = {"en": "Based on a community answer by", "ar": "مبني على إجابة من المجتمع كتبها"}


def url_in(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


def thread_url(question, language):
    with translation.override(language):
        return question.get_absolute_url()


@pytest.fixture
def forum_category(db):
    return Category.objects.create(slug="internet", name_ar="الإنترنت", name_en="Internet")


@pytest.fixture
def make_thread(forum_category, customer, other_customer):
    """A question by Layla with a rich answer by James that Layla accepted, all via services."""

    def make_thread(language="en", title=None, accept=True):
        question = forum.create_question(
            actor=customer,
            title=title or TITLES[language],
            body=QUESTION_BODIES[language],
            language=language,
            category=forum_category,
            tags=TAGS[language],
        )
        answer = forum.create_answer(
            actor=other_customer, question=question, body=RICH_ANSWER[language]
        )
        if accept:
            forum.accept_answer(actor=customer, answer=answer)
        question.refresh_from_db()
        answer.refresh_from_db()
        return question, answer

    return make_thread


@pytest.fixture
def kb_categories(db):
    return {"en": make_category("en", "Internet"), "ar": make_category("ar", "الإنترنت")}


def promote(answer, kb_categories, actor, language="en", title="How to fix evening drops"):
    return services.promote_answer(
        answer=answer,
        category=kb_categories[language],
        locale=Locale.objects.get(language_code=language),
        title=title,
        actor=actor,
    )


def approve(article, reviewer):
    task_state = article.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve")
    article.refresh_from_db()


# Conversion ----------------------------------------------------------------------------------


def test_a_rich_english_answer_keeps_headings_lists_links_and_code():
    blocks = markdown_to_blocks(RICH_ANSWER["en"])
    assert [block["type"] for block in blocks] == ["heading", "paragraph", "code", "paragraph"]
    assert blocks[0]["value"] == {"text": "Check the router first", "level": "h2"}
    text = blocks[1]["value"]
    assert '<a href="https://status.example.com/?line=1&amp;x=2">the status page</a>' in text
    assert "<b>router</b>" in text
    assert (
        "<ol><li>Unplug the power for <i>ten seconds</i></li><li>Plug it back in</li></ol>" in text
    )
    assert "<ul><li>Lights should turn green</li>" in text
    assert blocks[2]["value"] == {"language": "bash", "code": "ping -c 4 192.168.1.1"}


def test_raw_html_and_unsafe_links_in_an_answer_never_become_markup():
    text = markdown_to_blocks(RICH_ANSWER["en"])[-1]["value"]
    assert "<script" not in text
    assert "&lt;script&gt;" in text
    assert "javascript:" not in text
    assert "a trap" in text


def test_a_rich_arabic_answer_converts_the_same_way():
    blocks = markdown_to_blocks(RICH_ANSWER["ar"])
    assert [block["type"] for block in blocks] == ["heading", "paragraph", "code"]
    assert blocks[0]["value"]["text"] == "تحقق من الراوتر أولاً"
    assert '<a href="https://status.example.com/ar/">صفحة الحالة</a>' in blocks[1]["value"]
    assert "<li>أعد توصيلها</li>" in blocks[1]["value"]
    assert blocks[2]["value"] == {"language": "ussd", "code": "*123#"}


# The full path, in both languages -------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ar"])
def test_accept_promote_review_publish_link_both_ways_then_drift(
    client,
    language,
    make_thread,
    kb_categories,
    support_staff,
    second_support_staff,
    other_customer,
    django_capture_on_commit_callbacks,
):
    question, answer = make_thread(language)
    client.force_login(support_staff)
    thread = client.get(thread_url(question, language)).content.decode()
    promote_url = url_in(language, "kb:promote", answer.pk)
    assert PROMOTE_TEXT[language] in thread
    assert promote_url in thread

    form = client.get(promote_url)
    assert form.status_code == 200
    if language == "ar":
        assert 'dir="rtl"' in form.content.decode()
    assert f'value="{question.title}"' in form.content.decode()
    response = client.post(
        promote_url,
        {"title": question.title, "category": kb_categories[language].pk},
    )
    article = ArticlePage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert not article.live
    assert article.locale.language_code == language
    assert article.get_parent().pk == kb_categories[language].pk
    assert article.summary == ANSWER_OPENINGS[language]
    body_types = [block.block_type for block in article.body]
    assert body_types[:3] == ["heading", "paragraph", "code"]
    provenance = Provenance.objects.get()
    assert provenance.article_id == article.pk
    assert (provenance.question, provenance.answer) == (question, answer)
    assert provenance.answer_revision.number == provenance.answer_version == 1
    assert provenance.answer_author == other_customer
    assert provenance.answer_author_name == "James Customer"
    assert provenance.promoted_by == support_staff
    assert article.current_workflow_state.requested_by == support_staff
    entry = PageLogEntry.objects.get(page=article, action="dalil.kb.promote")
    assert entry.user == support_staff
    assert entry.data["actor_name"] == "Noura Staff"

    client.logout()
    assert (
        NOW_ARTICLE_TEXT[language]
        not in client.get(thread_url(question, language)).content.decode()
    )

    with pytest.raises(PermissionDenied):
        approve(article, support_staff)
    with django_capture_on_commit_callbacks(execute=True):  # the thread page hears of it
        approve(article, second_support_staff)
    assert article.live

    thread = client.get(thread_url(question, language)).content.decode()
    assert NOW_ARTICLE_TEXT[language] in thread
    assert article.url in thread
    page = client.get(article.url)
    html = page.content.decode()
    assert BASED_ON_TEXT[language] in html
    assert "James Customer" in html
    assert f'href="{thread_url(question, language)}"' in html

    forum.edit_answer(
        actor=other_customer,
        answer=answer,
        body=RICH_ANSWER[language] + "\n\nUpdated.",
        base_version=1,
    )
    client.force_login(second_support_staff)
    admin_page = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert admin_page.status_code == 200
    revisions_url = reverse("forum:revisions", kwargs={"kind": "answer", "pk": answer.pk})
    assert article_drift(article.pk) == {SOURCE_EDITED: {"url": revisions_url, "from": 1, "to": 2}}
    assert revisions_url in admin_page.content.decode()
    run_sweep()
    signal = open_drift(article).get()
    assert (signal.code, signal.evidence["url"]) == (SOURCE_EDITED, revisions_url)


def test_promoting_the_same_answer_again_opens_the_existing_article(
    client, make_thread, kb_categories, support_staff, second_support_staff
):
    question, answer = make_thread()
    article = promote(answer, kb_categories, support_staff)
    again = promote(answer, kb_categories, second_support_staff, title="Another title")
    assert again.pk == article.pk
    client.force_login(second_support_staff)
    response = client.get(url_in("en", "kb:promote", answer.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
    response = client.post(
        url_in("en", "kb:promote", answer.pk),
        {"title": "x" * 10, "category": kb_categories["en"].pk},
    )
    assert response.status_code == 302
    assert ArticlePage.objects.count() == Provenance.objects.count() == 1
    thread = client.get(thread_url(question, "en")).content.decode()
    assert "Open the article in the admin" in thread
    assert PageLogEntry.objects.filter(action="dalil.kb.promote").count() == 1


# Permissions and refusals ---------------------------------------------------------------------


def test_only_support_staff_promote_and_moderators_nominate(
    client, make_thread, customer, moderator, support_staff
):
    question, answer = make_thread()
    promote_url = url_in("en", "kb:promote", answer.pk)
    nominate_url = url_in("en", "kb:nominate", answer.pk)
    for url in (promote_url, nominate_url):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    expected = {
        customer: (403, 403),
        moderator: (403, 200),
        support_staff: (200, 200),
    }
    for user, (promote_status, nominate_status) in expected.items():
        client.force_login(user)
        assert client.get(promote_url).status_code == promote_status
        assert client.get(nominate_url).status_code == nominate_status
    client.force_login(customer)
    thread = client.get(thread_url(question, "en")).content.decode()
    assert promote_url not in thread and nominate_url not in thread
    client.force_login(moderator)
    thread = client.get(thread_url(question, "en")).content.decode()
    assert promote_url not in thread and nominate_url in thread
    with pytest.raises(PermissionDenied):
        services.promote_answer(
            answer=answer,
            category=make_category("en", "Other"),
            locale=Locale.objects.get(language_code="en"),
            title="Not allowed",
            actor=moderator,
        )
    assert not ArticlePage.objects.exists()


def test_a_thread_without_an_accepted_answer_is_refused(
    client, make_thread, kb_categories, support_staff
):
    question, answer = make_thread(accept=False)
    with pytest.raises(ValidationError, match="no accepted answer"):
        promote(answer, kb_categories, support_staff)
    client.force_login(support_staff)
    response = client.post(
        url_in("en", "kb:promote", answer.pk),
        {"title": "Fix it", "category": kb_categories["en"].pk},
    )
    assert response.status_code == 400
    assert "This thread has no accepted answer to promote." in response.content.decode()
    assert not ArticlePage.objects.exists()


def test_a_hidden_thread_or_hidden_accepted_answer_is_refused_with_a_clear_message(
    client, make_thread, kb_categories, support_staff, moderator
):
    question, answer = make_thread()
    forum.set_post_status(post=question, new_status=PostStatus.HIDDEN, actor=moderator)
    with pytest.raises(ValidationError, match="hidden or deleted"):
        promote(answer, kb_categories, support_staff)
    forum.restore_post(post=question, actor=moderator)
    # Moderation that bypasses the service still cannot slip a hidden answer into an article.
    type(answer).objects.filter(pk=answer.pk).update(status=PostStatus.HIDDEN)
    client.force_login(support_staff)
    response = client.get(url_in("ar", "kb:promote", answer.pk))
    assert "الإجابة المقبولة بانتظار المراجعة أو مخفية أو محذوفة" in response.content.decode()
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="accepted answer is awaiting review, hidden"),
    ):
        promote(answer, kb_categories, support_staff)
    assert not ArticlePage.objects.exists()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_form_offers_only_categories_in_the_threads_language(
    client, language, make_thread, kb_categories, support_staff
):
    other = "ar" if language == "en" else "en"
    question, answer = make_thread(language)
    client.force_login(support_staff)
    html = client.get(url_in(language, "kb:promote", answer.pk)).content.decode()
    assert f'<option value="{kb_categories[language].pk}">' in html
    assert f'<option value="{kb_categories[other].pk}">' not in html
    assert kb_categories[other].title not in html
    assert 'name="language"' not in html
    named = {
        "en": {"en": "Only categories in English", "ar": "الفئات باللغة الإنجليزيّة"},
        "ar": {"en": "Only categories in Arabic", "ar": "الفئات باللغة العربيّة"},
    }[language]
    assert named["en"] in client.get(url_in("en", "kb:promote", answer.pk)).content.decode()
    arabic = client.get(url_in("ar", "kb:promote", answer.pk)).content.decode()
    assert named["ar"] in arabic
    assert re.search(r'<label for="id_category">الفئة <span', arabic)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_category_in_the_other_language_posted_by_hand_is_refused_and_the_title_kept(
    client, language, make_thread, kb_categories, support_staff
):
    other = "ar" if language == "en" else "en"
    question, answer = make_thread(language)
    client.force_login(support_staff)
    response = client.post(
        url_in(language, "kb:promote", answer.pk),
        {"title": "My edited title", "category": kb_categories[other].pk},
    )
    assert response.status_code == 400
    refusal = {
        "en": "Choose a category in the thread&#x27;s language.",
        "ar": "اختر فئة بلغة الموضوع.",
    }
    assert refusal[language] in response.content.decode()
    assert 'value="My edited title"' in response.content.decode()
    with pytest.raises(ValidationError):
        promote(answer, {language: kb_categories[other]}, support_staff, language=language)
    assert not ArticlePage.objects.exists()


def test_a_thread_whose_language_has_no_category_says_so_instead_of_an_empty_list(
    client, make_thread, support_staff
):
    make_category("en", "Internet")
    question, answer = make_thread("ar")
    client.force_login(support_staff)
    response = client.get(url_in("ar", "kb:promote", answer.pk))
    html = response.content.decode()
    assert "لا تضم قاعدة المعرفة أي فئة باللغة العربيّة بعد" in html
    assert 'name="category"' not in html


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_draft_reads_as_an_article_built_from_the_answer_with_the_threads_tags(
    make_thread, kb_categories, support_staff, language
):
    question, answer = make_thread(language)
    article = promote(answer, kb_categories, support_staff, language=language)
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.summary == ANSWER_OPENINGS[language]
    assert QUESTION_BODIES[language] not in article.summary
    assert sorted(tag.name for tag in article.tags.all()) == sorted(TAGS[language])
    draft = article.get_latest_revision_as_object()
    assert sorted(tag.name for tag in draft.tags.all()) == sorted(TAGS[language])
    text = article.body_text()
    assert ANSWER_OPENINGS[language].rstrip(".") in text
    assert QUESTION_BODIES[language] not in text
    headings = [block.value["text"] for block in article.body if block.block_type == "heading"]
    assert headings == [markdown_to_blocks(RICH_ANSWER[language])[0]["value"]["text"]]
    for old_heading in OLD_HEADINGS[language]:
        assert old_heading not in headings
    assert not article.live
    assert article.current_workflow_state is not None


def test_a_long_first_sentence_is_cut_at_a_word_and_short_ones_are_kept_whole():
    from kb.conversion import summary_from_markdown

    long = "Restart " + "the router again " * 20 + "and wait."
    summary = summary_from_markdown(long)
    assert len(summary) <= 160 and summary.endswith("…")
    assert summary_from_markdown("Yes. Reset it from the app. " + "More words here. " * 20) == (
        "Yes. Reset it from the app. " + " ".join(["More words here."] * 7)
    )
    assert summary_from_markdown("```\n*123#\n```") == ""
    assert summary_from_markdown("## Only a heading\n\n- first step\n- second step") == (
        "first step second step"
    )


# Nominations and candidates -------------------------------------------------------------------


def test_a_moderator_nominates_and_staff_see_the_note_ranked_up(
    client, make_thread, moderator, support_staff
):
    question, answer = make_thread()
    other_question, other_answer = make_thread(title="Roaming does not work in Dubai")
    client.force_login(moderator)
    response = client.post(
        url_in("en", "kb:nominate", answer.pk), {"note": "Asked every week at the call centre."}
    )
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.nominated_by_name == "Sami Moderator"
    assert response["Location"] == thread_url(question, "en")
    assert client.post(url_in("en", "kb:nominate", answer.pk), {"note": " "}).status_code == 400
    client.force_login(support_staff)
    report = client.get(reverse("kb_promotion_candidates_report"))
    html = report.content.decode()
    assert report.status_code == 200
    assert "Asked every week at the call centre." in html
    assert html.index(question.title) < html.index(other_question.title)


def test_most_duplicated_questions_rank_first_and_promoted_threads_are_left_out(
    make_thread, customer, moderator, support_staff, kb_categories, forum_category
):
    faq, faq_answer = make_thread(title="How do I reset my voicemail PIN?")
    popular, popular_answer = make_thread(title="Why is my bill higher this month?")
    promoted, promoted_answer = make_thread(title="Where is my nearest shop?")
    Question.objects.filter(pk=popular.pk).update(view_count=5000)
    forum.vote(actor=support_staff, post=popular_answer, value=1)
    for number in range(3):
        duplicate = forum.create_question(
            actor=customer,
            title=f"Voicemail PIN forgotten number {number}",
            body="I forgot my voicemail PIN, how do I get a new one please?",
            language="en",
            category=forum_category,
        )
        forum.mark_duplicate(actor=moderator, question=duplicate, original=faq)
    promote(promoted_answer, kb_categories, support_staff)
    from kb.selectors import promotion_candidates

    ranked = promotion_candidates()
    assert [answer.pk for answer in ranked] == [faq_answer.pk, popular_answer.pk]
    assert ranked[0].duplicate_count == 3


def test_candidates_report_is_staff_only_and_its_query_count_is_constant(
    client, make_thread, customer, moderator, support_staff, django_assert_max_num_queries
):
    for user in (customer, moderator):
        client.force_login(user)
        assert client.get(reverse("kb_promotion_candidates_report")).status_code in (302, 403)
    client.force_login(support_staff)
    url = reverse("kb_promotion_candidates_report")
    client.get(url)
    make_thread()
    with django_assert_max_num_queries(25) as few:
        client.get(url)
    for number in range(8):
        make_thread(title=f"Question number {number} about roaming abroad")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("roaming abroad") == 8


def test_candidates_download_as_csv_with_the_score_and_the_nominations(
    client, make_thread, moderator, support_staff, other_customer
):
    question, answer = make_thread()
    services.nominate_answer(answer=answer, note="Asked every week", actor=moderator)
    admin_language(support_staff, "en")
    client.force_login(support_staff)
    rows = csv_rows(client.get(reverse("kb_promotion_candidates_report"), {"export": "csv"}))
    assert rows[0] == [
        "Question",
        "Answer by",
        "Language",
        "Score",
        "Answer score",
        "Views",
        "Duplicates",
        "Nominations",
        "Nomination notes",
    ]
    (row,) = rows[1:]
    assert row[:3] == [question.title, other_customer.public_name, "English"]
    assert float(row[3]) > 0
    assert row[7:] == ["1", f"{moderator.public_name}: Asked every week"]


def test_candidates_download_as_a_spreadsheet(client, make_thread, support_staff):
    question, _answer = make_thread()
    client.force_login(support_staff)
    response = client.get(reverse("kb_promotion_candidates_report"), {"export": "xlsx"})
    rows = xlsx_rows(response)
    assert rows[0][4] == "نقاط الإجابة"  # "Answer score": the admin speaks the default language
    assert rows[1][0] == question.title


def test_a_customer_or_moderator_cannot_download_the_candidates(
    client, make_thread, customer, moderator
):
    make_thread()
    for user in (customer, moderator):
        client.force_login(user)
        for export in ("csv", "xlsx"):
            url = reverse("kb_promotion_candidates_report")
            response = client.get(url, {"export": export})
            assert response.status_code in (302, 403)
            assert not response.get("Content-Disposition")


# Source drift ---------------------------------------------------------------------------------


def open_drift(article):
    return StaleSignal.objects.open().for_target(article).filter(code__startswith="source_")


def open_drift_codes(article) -> set[str]:
    return set(open_drift(article).values_list("code", flat=True))


def test_unaccepting_accepting_another_and_hiding_are_signalled_and_resolve_idempotently(
    make_thread, kb_categories, support_staff, second_support_staff, customer, moderator
):
    question, answer = make_thread()
    article = promote(answer, kb_categories, support_staff)
    approve(article, second_support_staff)
    run_sweep()
    assert article_drift(article.pk) == {}
    assert open_drift_codes(article) == set()

    forum.unaccept_answer(actor=customer, question=question)
    assert set(article_drift(article.pk)) == {SOURCE_UNACCEPTED}
    run_sweep()
    run_sweep()
    assert open_drift(article).count() == 1

    second = forum.create_answer(
        actor=UserFactory(), question=question, body="Another way: reset the line from the app."
    )
    forum.accept_answer(actor=customer, answer=second)
    assert article_drift(article.pk)[SOURCE_OTHER_ACCEPTED]["url"].endswith(f"#answer-{second.pk}")
    run_sweep()
    assert open_drift_codes(article) == {SOURCE_OTHER_ACCEPTED}
    unaccepted = StaleSignal.objects.for_target(article).get(code=SOURCE_UNACCEPTED)
    assert unaccepted.resolved_at is not None

    forum.set_post_status(post=answer, new_status=PostStatus.HIDDEN, actor=moderator)
    run_sweep()
    assert open_drift_codes(article) == {SOURCE_OTHER_ACCEPTED, SOURCE_HIDDEN}

    forum.restore_post(post=answer, actor=moderator)
    forum.accept_answer(actor=customer, answer=answer)
    run_sweep()
    assert open_drift_codes(article) == set()
    assert StaleSignal.objects.for_target(article).filter(code__startswith="source_").count() == 3


def test_a_review_confirms_the_article_against_its_thread_as_it_is(
    make_thread, kb_categories, support_staff, second_support_staff, customer, other_customer
):
    """Marking the article reviewed answers the drift seen so far, for good; a later change of
    the thread raises it again."""
    question, answer = make_thread()
    article = promote(answer, kb_categories, support_staff)
    approve(article, second_support_staff)
    forum.unaccept_answer(actor=customer, question=question)
    forum.edit_answer(
        actor=other_customer,
        answer=answer,
        body="Unplug it and wait a full minute before you try.",
        base_version=1,
    )
    run_sweep()
    assert open_drift_codes(article) == {SOURCE_UNACCEPTED, SOURCE_EDITED}

    mark_stale_reviewed(target=article, actor=support_staff, note="Still right.")
    assert open_drift_codes(article) == set()
    run_sweep()
    assert open_drift_codes(article) == set()
    provenance = Provenance.objects.get()
    assert (provenance.answer_version, provenance.reviewed_accepted_answer_id) == (2, None)

    second = forum.create_answer(
        actor=UserFactory(), question=question, body="Or reset the line from the app settings."
    )
    forum.accept_answer(actor=customer, answer=second)
    run_sweep()
    assert open_drift_codes(article) == {SOURCE_OTHER_ACCEPTED}


# Query counts ----------------------------------------------------------------------------------


def test_a_promoted_thread_stays_within_the_forum_query_limits(
    client,
    make_thread,
    kb_categories,
    support_staff,
    second_support_staff,
    django_assert_max_num_queries,
):
    question, answer = make_thread()
    approve(promote(answer, kb_categories, support_staff), second_support_staff)
    url = thread_url(question, "en")
    client.get(url)
    with django_assert_max_num_queries(12):
        assert NOW_ARTICLE_TEXT["en"] in client.get(url).content.decode()
    client.force_login(support_staff)
    client.get(url)
    with django_assert_max_num_queries(20):
        assert "Open the article in the admin" in client.get(url).content.decode()


def test_staff_confirm_the_article_follows_an_edited_answer_and_the_signal_closes(
    client,
    make_thread,
    kb_categories,
    support_staff,
    second_support_staff,
    moderator,
    other_customer,
):
    question, answer = make_thread()
    article = promote(answer, kb_categories, support_staff)
    approve(article, second_support_staff)
    forum.edit_answer(
        actor=other_customer,
        answer=answer,
        body="Restart the router and wait two full minutes.",
        base_version=1,
    )
    run_sweep()
    url = reverse("kb_acknowledge_source_changes", args=[article.pk])
    client.force_login(moderator)
    assert client.post(url).status_code in (302, 403)
    assert open_drift(article).count() == 1
    client.force_login(support_staff)
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert not open_drift(article).exists()
    assert Provenance.objects.get().answer_revision.number == 2
    assert PageLogEntry.objects.filter(page=article, action="dalil.kb.source_reviewed").exists()
    assert article_drift(article.pk) == {}
    run_sweep()
    assert not open_drift(article).exists()
    admin_language(support_staff, "en")
    panel = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert "Earlier changes, since resolved" in panel
    assert "The answer it came from was edited" in panel


def test_an_article_going_live_shows_on_the_cached_thread_at_once(
    make_thread,
    kb_categories,
    support_staff,
    second_support_staff,
    django_capture_on_commit_callbacks,
):
    question, answer = make_thread("en")
    url = thread_url(question, "en")
    Client().get(url)
    assert Client().get(url)["X-Page-Cache"] == "hit"
    article = promote(answer, kb_categories, support_staff)

    with django_capture_on_commit_callbacks(execute=True):
        approve(article, second_support_staff)

    page = Client().get(url)
    assert page["X-Page-Cache"] == "miss"
    assert NOW_ARTICLE_TEXT["en"] in page.content.decode()

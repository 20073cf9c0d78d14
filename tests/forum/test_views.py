import json
import re
from itertools import pairwise

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from forum import services
from forum.models import Answer, CloseReason, Comment, PostStatus, Question, Vote
from tests.factories import UserFactory

from .conftest import ANSWER_BODY, QUESTION_BODY

pytestmark = pytest.mark.django_db


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def url_en(question):
    with translation.override("en"):
        return question.get_absolute_url()


def ld_json(html):
    """The thread's QAPage (the page also carries a BreadcrumbList after it)."""
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    qa_page, _breadcrumbs = json.loads(match.group(1))
    return qa_page


# The list ------------------------------------------------------------------------------------


def test_list_filters_unanswered_solved_and_by_tag(client, ask, answer, customer, category):
    solved = ask(customer, title="How do I reach support by live chat?", tags="chat")
    reply = answer(UserFactory(), solved)
    services.accept_answer(actor=customer, answer=reply)
    open_one = ask(customer, title="Where is the self-service portal?", category=category)
    url = en("forum:question_list")

    assert open_one.title in client.get(url + "?show=unanswered").content.decode()
    assert solved.title not in client.get(url + "?show=unanswered").content.decode()
    assert solved.title in client.get(url + "?show=solved").content.decode()
    assert solved.title not in client.get(url + "?show=unsolved").content.decode()
    assert solved.title in client.get(url + "?tag=chat").content.decode()
    assert open_one.title not in client.get(url + "?tag=chat").content.decode()
    assert open_one.title in client.get(url + "?category=internet").content.decode()
    assert client.get(url + "?sort=nonsense&show=<script>&page=abc").status_code == 200


def test_list_hides_deleted_questions_and_is_sorted_by_votes(client, ask, customer, moderator):
    low = ask(customer, title="Question with no votes at all")
    high = ask(customer, title="Question with one upvote here")
    gone = ask(customer, title="Question that was deleted now")
    services.vote(actor=UserFactory(), post=high, value=1)
    services.delete_post(actor=customer, post=gone)
    html = client.get(en("forum:question_list") + "?sort=votes").content.decode()
    assert html.index(high.title) < html.index(low.title)
    assert gone.title not in html


@pytest.mark.parametrize(("language", "toggle"), [("en", "Filters"), ("ar", "عوامل التصفية")])
def test_list_filters_sit_behind_a_toggle_that_opens_on_wide_screens(
    client, ask, customer, language, toggle
):
    ask(customer, title="Voicemail greeting keeps resetting", language=language)
    html = client.get(f"/{language}/questions/").content.decode()
    assert (
        '<details class="filters forum-filters-toggle" data-open-when="(min-width: 48rem)">'
        f'\n    <summary class="filters__toggle">{toggle}</summary>'
    ) in html
    assert html.index("</details>") < html.index('<ol class="question-list">')
    assert html.index('name="category"') < html.index("</details>")
    assert "website/js/disclosure.js" in html


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Questions: Unanswered"), ("ar", "الأسئلة: بلا إجابة")]
)
def test_list_headings_do_not_skip_a_level(client, ask, customer, language, heading):
    ask(customer, title="Voicemail greeting keeps resetting", language=language)
    html = client.get(f"/{language}/questions/?show=unanswered").content.decode()
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", html)]
    assert all(later <= earlier + 1 for earlier, later in pairwise(levels))
    assert f'<h2 class="visually-hidden">{heading}</h2>' in html


def test_list_page_uses_a_fixed_number_of_queries(
    client, ask, customer, category, django_assert_max_num_queries
):
    for number in range(25):
        ask(customer, title=f"Question number {number} about roaming", tags="roaming sim")
    client.force_login(customer)
    client.get(en("forum:question_list"))  # warms the site frame's cached links
    with django_assert_max_num_queries(9):  # 8, and the header's unread-notification count
        response = client.get(en("forum:question_list"))
    assert response.status_code == 200
    with django_assert_max_num_queries(8):
        client.logout()
        assert client.get(en("forum:question_list") + "?tag=roaming").status_code == 200


# Asking ------------------------------------------------------------------------------------


def test_ask_needs_login_and_a_verified_email(client, unverified_user):
    response = client.get(en("forum:ask"))
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(unverified_user)
    response = client.get(en("forum:ask"))
    assert response.status_code == 403
    assert "Confirm your email address" in response.content.decode()


def test_ask_form_prefills_title_and_shows_the_page_the_reader_came_from(client, customer):
    from wagtail.models import Page

    home = Page.objects.filter(depth=2).first()
    client.force_login(customer)
    url = en("forum:ask") + f"?title=SIM+not+working&from_page={home.pk}"
    html = client.get(url).content.decode()
    assert 'value="SIM not working"' in html
    assert f"You came from: <bdi>{home.title}</bdi>" in html
    response = client.post(
        en("forum:ask") + f"?from_page={home.pk}",
        {
            "title": "My SIM card is not working after travel",
            "body": QUESTION_BODY,
            "language": "en",
            "tags": "",
            "submission_token": "t1",
            "from_page": home.pk,
        },
    )
    question = Question.objects.get()
    assert response.status_code == 302
    assert question.source_page_id == home.pk


def test_ask_shows_translated_errors_and_keeps_what_was_typed(client, customer):
    client.force_login(customer)
    response = client.post(
        "/ar/questions/ask/",
        {"title": "قصير", "body": "نص طويل بما يكفي لكي يقبل في النموذج هنا", "language": "ar"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "نص طويل بما يكفي" in html
    assert "اكتب 15 حرفاً مرئياً على الأقل." in html
    assert not Question.objects.exists()


def test_double_submitted_ask_form_creates_one_question(client, customer):
    client.force_login(customer)
    data = {
        "title": "Double submitted question title",
        "body": QUESTION_BODY,
        "language": "en",
        "submission_token": "same-token",
    }
    first = client.post(en("forum:ask"), data)
    second = client.post(en("forum:ask"), data)
    assert Question.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_preview_button_and_endpoint_use_the_sanitiser(client, customer):
    client.force_login(customer)
    data = {
        "title": "A question with a preview",
        "body": QUESTION_BODY + "\n\n<script>alert(1)</script> **bold**",
        "language": "en",
        "preview": "1",
    }
    html = client.post(en("forum:ask"), data).content.decode()
    assert "<strong>bold</strong>" in html
    assert "<script>alert(1)" not in html
    assert not Question.objects.exists()
    fragment = client.post(en("forum:preview"), {"body": "[x](javascript:alert(1)) *hi*"})
    assert (
        fragment.content.decode().strip()
        == '<p><a rel="nofollow ugc noopener">x</a> <em>hi</em></p>'
    )


# The thread --------------------------------------------------------------------------------


def test_thread_shows_accepted_answer_first_then_by_score(client, question, answer, customer):
    low = answer(UserFactory(), question, body=ANSWER_BODY + " (low score answer)")
    high = answer(UserFactory(), question, body=ANSWER_BODY + " (high score answer)")
    accepted = answer(UserFactory(), question, body=ANSWER_BODY + " (accepted answer)")
    services.vote(actor=UserFactory(), post=high, value=1)
    services.accept_answer(actor=customer, answer=accepted)
    html = client.get(url_en(question)).content.decode()
    assert html.index("(accepted answer)") < html.index("(high score answer)")
    assert html.index("(high score answer)") < html.index("(low score answer)")
    assert "Accepted answer" in html
    assert low.pk


def test_wrong_or_old_slug_redirects_permanently(client, question, customer):
    old = url_en(question)
    services.edit_question(
        actor=customer,
        question=question,
        title="Fibre internet drops every single evening",
        body=question.body,
        language="en",
        base_version=1,
    )
    question.refresh_from_db()
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == url_en(question)
    assert client.get(f"/en/questions/{question.pk}/").status_code == 301


def test_arabic_thread_keeps_its_arabic_slug_and_is_rtl(client, ask, customer):
    question = ask(customer, title="كيف أقيم خدمة مركز الاتصال بعد المكالمة؟", language="ar")
    with translation.override("ar"):
        response = client.get(question.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert 'dir="rtl"' in html
    assert question.slug == "كيف-أقيم-خدمة-مركز-الاتصال-بعد-المكالمة"


def test_hidden_threads_are_gone_for_visitors_and_missing_for_other_members(
    client, ask, question, customer, other_customer, moderator, unverified_user
):
    services.set_post_status(post=question, new_status=PostStatus.HIDDEN, actor=moderator)
    assert client.get(url_en(question)).status_code == 410  # search engines drop it
    client.force_login(other_customer)
    assert client.get(url_en(question)).status_code == 404
    client.force_login(moderator)
    assert client.get(url_en(question)).status_code == 200


def test_author_sees_own_pending_answer_marked_awaiting_review(client, question, unverified_user):
    pending = Answer(
        question=question, author=unverified_user, body=ANSWER_BODY, status=PostStatus.PENDING
    )
    pending.full_clean()
    pending.save()
    assert ANSWER_BODY not in client.get(url_en(question)).content.decode()
    client.force_login(unverified_user)
    html = client.get(url_en(question)).content.decode()
    assert ANSWER_BODY in html and "Awaiting review" in html
    assert pending.pk


def test_user_html_never_executes_on_the_thread(client, ask, customer):
    question = ask(
        customer,
        title="Title with </script><script>alert(1)</script>",
        body="<script>alert('x')</script> and <img src=x onerror=alert(1)> enough text here",
    )
    html = client.get(url_en(question)).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    data = ld_json(html)
    assert data["mainEntity"]["name"].startswith("Title with </script>")


def test_thread_carries_qapage_structured_data(client, question, answer, customer, moderator):
    first = answer(UserFactory(display_name="Helper One"), question)
    second = answer(UserFactory(), question, body=ANSWER_BODY + " Another idea.")
    hidden = answer(UserFactory(), question, body=ANSWER_BODY + " Hidden one.")
    services.set_post_status(post=hidden, new_status=PostStatus.HIDDEN, actor=moderator)
    services.accept_answer(actor=customer, answer=first)
    services.vote(actor=UserFactory(), post=second, value=1)
    data = ld_json(client.get(url_en(question)).content.decode())
    entity = data["mainEntity"]
    assert data["@type"] == "QAPage"
    assert entity["answerCount"] == 2
    assert entity["acceptedAnswer"]["author"]["name"] == "Helper One"
    assert [a["upvoteCount"] for a in entity["suggestedAnswer"]] == [1]
    assert entity["author"]["name"] == customer.public_name
    assert "dateCreated" in entity


def test_anonymous_thread_page_with_many_answers_uses_few_queries(
    client, question, answer, django_assert_max_num_queries
):
    helpers = [UserFactory() for _ in range(5)]
    for number in range(30):
        reply = answer(helpers[number % 5], question, body=ANSWER_BODY + f" Variation {number}.")
        for comment_number in range(2):
            services.create_comment(
                actor=helpers[(number + 1) % 5],
                question=question,
                answer=reply,
                body=f"Thanks, comment {comment_number}",
            )
    assert Comment.objects.count() == 60
    url = url_en(question)
    client.get(url)  # warms the site frame's cached links
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="comment"') == 60


def test_logged_in_thread_page_with_many_answers_uses_few_queries(
    client, question, answer, customer, django_assert_max_num_queries
):
    helpers = [UserFactory() for _ in range(5)]
    for number in range(30):
        reply = answer(helpers[number % 5], question, body=ANSWER_BODY + f" Variation {number}.")
        services.vote(actor=customer, post=reply, value=1)
        for comment_number in range(2):
            services.create_comment(
                actor=helpers[(number + 1) % 5],
                question=question,
                answer=reply,
                body=f"Thanks, comment {comment_number}",
            )
    client.force_login(customer)
    client.get(url_en(question))  # warms the site frame's cached links
    with django_assert_max_num_queries(20):
        response = client.get(url_en(question))
    assert response.status_code == 200


# Answering, commenting, voting, accepting ---------------------------------------------------


def test_posting_an_answer_and_a_comment_through_the_pages(client, question, other_customer):
    client.force_login(other_customer)
    response = client.post(
        en("forum:answer_create", pk=question.pk),
        {"body": ANSWER_BODY, "submission_token": "a1"},
    )
    reply = Answer.objects.get()
    assert response["Location"].endswith(f"#answer-{reply.pk}")
    client.post(
        en("forum:answer_create", pk=question.pk), {"body": ANSWER_BODY, "submission_token": "a1"}
    )
    assert Answer.objects.count() == 1
    response = client.post(
        en("forum:comment_create", pk=question.pk),
        {"body": "Which router model?", "answer": reply.pk, "submission_token": "c1"},
    )
    assert Comment.objects.get().answer == reply


def test_invalid_answer_is_shown_with_its_error_and_keeps_the_text(
    client, question, other_customer
):
    client.force_login(other_customer)
    response = client.post(en("forum:answer_create", pk=question.pk), {"body": "too short"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "too short" in html and "Write at least 30 visible characters." in html


def test_voting_through_the_page(client, question, other_customer):
    client.force_login(other_customer)
    client.post(en("forum:vote", kind="question", pk=question.pk), {"value": "1"})
    client.post(en("forum:vote", kind="question", pk=question.pk), {"value": "1"})
    question.refresh_from_db()
    assert question.score == 1
    assert (
        client.post(en("forum:vote", kind="question", pk=question.pk), {"value": "x"}).status_code
        == 302
    )
    client.force_login(question.author)
    assert (
        client.post(en("forum:vote", kind="question", pk=question.pk), {"value": "1"}).status_code
        == 403
    )
    assert Vote.objects.count() == 1


def test_accepting_through_the_page_only_for_the_asker(client, question, answer, other_customer):
    reply = answer(UserFactory(), question)
    client.force_login(other_customer)
    assert client.post(en("forum:accept", pk=reply.pk)).status_code == 403
    client.force_login(question.author)
    client.post(en("forum:accept", pk=reply.pk))
    question.refresh_from_db()
    assert question.accepted_answer == reply
    client.post(en("forum:accept", pk=reply.pk), {"action": "remove"})
    question.refresh_from_db()
    assert question.accepted_answer is None


def test_author_cannot_delete_answered_question_through_the_page(client, question, answer):
    answer(UserFactory(), question)
    client.force_login(question.author)
    html = client.get(url_en(question)).content.decode()
    assert "forum/status/question" not in html
    response = client.post(
        en("forum:change_status", kind="question", pk=question.pk), {"action": "delete"}
    )
    assert response.status_code == 403


# Editing -------------------------------------------------------------------------------------


def test_edit_conflict_shows_the_other_change_and_keeps_mine(client, question, moderator):
    client.force_login(question.author)
    services.edit_question(
        actor=moderator,
        question=question,
        title=question.title,
        body=QUESTION_BODY + " Moderator addition.",
        language="en",
        reason="Clarified",
        base_version=1,
    )
    response = client.post(
        en("forum:question_edit", pk=question.pk),
        {
            "title": question.title,
            "body": QUESTION_BODY + " My own addition.",
            "language": "en",
            "version": "1",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Moderator addition." in html and "My own addition." in html
    assert 'name="version" value="2"' in html
    question.refresh_from_db()
    assert "Moderator addition." in question.body and "My own addition." not in question.body


def test_moderator_edit_needs_a_reason_and_history_shows_a_diff(
    client, question, answer, moderator
):
    reply = answer(UserFactory(), question)
    client.force_login(moderator)
    url = en("forum:answer_edit", pk=reply.pk)
    response = client.post(url, {"body": ANSWER_BODY + "\nNew line", "version": "1"})
    assert response.status_code == 200 and "field__error" in response.content.decode()
    client.post(url, {"body": ANSWER_BODY + "\nNew line", "version": "1", "reason": "Add detail"})
    html = client.get(en("forum:revisions", kind="answer", pk=reply.pk)).content.decode()
    assert '<span class="diff__added">' in html and "New line" in html
    assert "Add detail" in html


def test_others_cannot_open_the_edit_page(client, question, other_customer):
    client.force_login(other_customer)
    assert client.get(en("forum:question_edit", pk=question.pk)).status_code == 403


# Moderation --------------------------------------------------------------------------------


def test_moderator_closes_reopens_locks_and_marks_duplicates(
    client, ask, question, customer, moderator
):
    copy = ask(customer, title="My fibre connection drops at night")
    client.force_login(moderator)
    url = en("forum:moderate", pk=copy.pk)
    client.post(url, {"action": "close", "reason": CloseReason.OFF_TOPIC})
    copy.refresh_from_db()
    assert copy.closed_reason == CloseReason.OFF_TOPIC
    client.post(url, {"action": "reopen"})
    client.post(url, {"action": "duplicate", "original": question.pk})
    client.post(url, {"action": "lock"})
    copy.refresh_from_db()
    assert copy.duplicate_of == question and copy.locked
    duplicate_html = client.get(url_en(copy)).content.decode()
    assert "This question has an answer elsewhere" in duplicate_html
    assert question.title in duplicate_html
    original_html = client.get(url_en(question)).content.decode()
    assert copy.title in original_html


def test_customers_cannot_use_moderator_actions(client, question, other_customer):
    client.force_login(other_customer)
    response = client.post(en("forum:moderate", pk=question.pk), {"action": "lock"})
    assert response.status_code == 403


# Notifications -----------------------------------------------------------------------------


def test_followers_get_an_email_in_their_language_with_an_unsubscribe_link(
    client, ask, answer, mailoutbox, django_capture_on_commit_callbacks
):
    asker = UserFactory(preferred_language="ar")
    question = ask(asker, title="كيف أغير باقة الإنترنت المنزلي؟", language="ar")
    with django_capture_on_commit_callbacks(execute=True):
        answer(UserFactory(display_name="Omar"), question)
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [asker.email]
    assert "إجابة جديدة" in email.subject
    link = re.search(r"(http\S+/unsubscribe/\S+/)", email.body).group(1)
    path = link.split("127.0.0.1:8000")[-1]
    assert client.get(path).status_code == 200
    client.post(path)
    assert not question.subscriptions.filter(user=asker).exists()
    with django_capture_on_commit_callbacks(execute=True):
        answer(UserFactory(), question, body=ANSWER_BODY + " Another answer.")
    assert asker.email not in [m.to[0] for m in mailoutbox[1:]]


def test_accepted_answer_and_comment_emails(
    question, answer, customer, mailoutbox, django_capture_on_commit_callbacks
):
    helper = UserFactory()
    reply = answer(helper, question)
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_answer(actor=customer, answer=reply)
    thread_emails = [m for m in mailoutbox if "/insights/survey/" not in m.body]
    assert [m.to for m in thread_emails] == [[helper.email]]  # and the asker's survey
    assert "accepted" in thread_emails[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        services.create_comment(
            actor=customer, question=question, answer=reply, body="Thanks a lot!"
        )
    assert mailoutbox[-1].to == [helper.email]
    assert "unsubscribe" in mailoutbox[-1].body


SITE = "https://help.example.com:8443"


def links_in(body: str) -> list[str]:
    return re.findall(r"https?://\S+", body)


def test_every_thread_email_links_to_the_configured_site(
    client, settings, question, answer, customer, mailoutbox, django_capture_on_commit_callbacks
):
    settings.WAGTAILADMIN_BASE_URL = SITE
    helper = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        reply = answer(helper, question)  # "new answer", to the asker
        services.accept_answer(actor=customer, answer=reply)  # "accepted", to the helper
        services.create_comment(actor=customer, question=question, answer=reply, body="Thanks!")
    thread_emails = [m for m in mailoutbox if "/insights/survey/" not in m.body]
    assert len(thread_emails) == 3  # and the asker's satisfaction survey
    for email in thread_emails:
        links = links_in(email.body)
        assert len(links) == 3, email.body  # the thread, stop this thread, stop this kind
        assert all(link.startswith(SITE + "/") for link in links), links
        thread, unsubscribe, email_off = links
        assert thread.startswith(f"{SITE}{url_en(question)}")
        path = unsubscribe.removeprefix(SITE)
        assert "/unsubscribe/" in path and client.get(path).status_code == 200
        path = email_off.removeprefix(SITE)
        assert "/email/off/" in path and client.get(path).status_code == 200


def test_tampered_unsubscribe_link_is_404(client):
    assert client.get("/en/questions/unsubscribe/not-a-token/").status_code == 404


# Site sections -----------------------------------------------------------------------------


def test_home_page_shows_recent_and_unanswered_questions_in_its_language(client, ask, customer):
    ask(customer, title="English question about IVR menus", language="en")
    ask(customer, title="سؤال عن قائمة الرد الصوتي التفاعلي", language="ar")
    html = client.get("/en/").content.decode()
    assert "English question about IVR menus" in html
    assert "سؤال عن قائمة الرد الصوتي" not in html
    assert "Unanswered questions" in html


@pytest.fixture
def closed_questions(ask, customer, moderator):
    """An open question without answers, a closed duplicate of it, a closed and a locked one."""
    original = ask(customer, title="How do I change my home internet plan?")
    duplicate = ask(customer, title="Changing the home internet plan: how?")
    services.mark_duplicate(actor=moderator, question=duplicate, original=original)
    closed = ask(customer, title="Which plan is the best one for gaming?")
    services.close_question(actor=moderator, question=closed, reason=CloseReason.OFF_TOPIC)
    locked = ask(customer, title="Why was my internet plan price raised?")
    services.set_locked(actor=moderator, question=locked, locked=True)
    return original, [duplicate, closed, locked]


def test_closed_and_locked_questions_are_not_advertised_as_unanswered(client, closed_questions):
    original, closed = closed_questions
    assert list(Question.objects.unanswered()) == [original]
    home = BeautifulSoup(client.get("/en/").content, "html.parser")
    heading = home.find("h2", string="Unanswered questions")
    listed = client.get(en("forum:question_list") + "?show=unanswered").content.decode()
    for text in (heading.parent.get_text(), listed):
        assert original.title in text
        for question in closed:
            assert question.title not in text


def test_a_closed_question_without_answers_does_not_ask_for_one(client, closed_questions):
    original, closed = closed_questions
    assert "Do you know the answer?" in client.get(url_en(original)).content.decode()
    for question in closed:
        html = client.get(url_en(question)).content.decode()
        assert "This question does not take new answers." in html
        assert "Do you know the answer?" not in html
        assert "No answers yet." in html


def test_profile_shows_reputation_and_recent_posts(client, question, answer, customer):
    helper = UserFactory()
    answer(helper, question)
    services.vote(actor=customer, post=helper_answer(helper), value=1)
    html = client.get(en("website:profile", pk=helper.pk)).content.decode()
    assert "10 reputation points" in html
    assert question.title in html


def helper_answer(helper):
    return Answer.objects.get(author=helper)


def test_site_links_point_to_the_forum(client):
    html = client.get("/en/").content.decode()
    assert 'href="/en/questions/ask/"' in html
    assert 'href="/en/questions/"' in html


def test_list_shows_the_visitors_language_unless_all_are_asked_for(client, ask, customer):
    ask(customer, title="English question about SMS alerts", language="en")
    ask(customer, title="سؤال عن تنبيهات الرسائل القصيرة", language="ar")
    english = client.get("/en/questions/").content.decode()
    assert "English question about SMS alerts" in english
    assert "سؤال عن تنبيهات الرسائل القصيرة" not in english
    arabic = client.get("/ar/questions/").content.decode()
    assert "سؤال عن تنبيهات الرسائل القصيرة" in arabic and 'dir="rtl"' in arabic
    both = client.get("/en/questions/?language=all").content.decode()
    assert "English question about SMS alerts" in both and "سؤال عن تنبيهات" in both


def test_arabic_thread_page_shows_arabic_interface(client, ask, customer):
    question = ask(customer, title="كيف أتواصل مع الدعم عبر الفيديو؟", language="ar")
    with translation.override("ar"):
        html = client.get(question.get_absolute_url()).content.decode()
    assert 'dir="rtl"' in html
    assert "لا توجد إجابات بعد. هل تعرف الإجابة؟" in html
    assert "أسئلة المجتمع" in html


def test_invalid_comment_shows_its_error_under_the_right_post(client, question, answer, customer):
    reply = answer(UserFactory(), question)
    client.force_login(customer)
    response = client.post(
        en("forum:comment_create", pk=question.pk), {"body": "\u200b\u200b", "answer": reply.pk}
    )
    html = response.content.decode()
    assert response.status_code == 400
    answer_section = html[html.index(f'id="answer-{reply.pk}"') :]
    assert "field__error" in answer_section
    assert not Comment.objects.exists()


def test_author_deletes_an_unanswered_question_and_lands_on_the_list(client, question):
    client.force_login(question.author)
    response = client.post(
        en("forum:change_status", kind="question", pk=question.pk), {"action": "delete"}
    )
    assert response["Location"] == en("forum:question_list")
    assert client.get(url_en(question)).status_code == 404


def test_moderator_restores_a_deleted_answer(
    client, question, answer, moderator, django_capture_on_commit_callbacks
):
    reply = answer(UserFactory(), question)
    services.delete_post(actor=reply.author, post=reply)
    assert ANSWER_BODY not in client.get(url_en(question)).content.decode()
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):  # as after a real request's commit
        client.post(en("forum:change_status", kind="answer", pk=reply.pk), {"action": "restore"})
    client.logout()
    assert ANSWER_BODY in client.get(url_en(question)).content.decode()


def test_preview_works_even_before_the_rest_of_the_form_is_valid(client, customer):
    client.force_login(customer)
    response = client.post(
        en("forum:ask"), {"title": "", "body": "## Steps\n\n1. *one*", "preview": "1"}
    )
    html = response.content.decode()
    assert '<h2 id="user-content-steps">Steps</h2>' in html
    assert not Question.objects.exists()


def test_following_and_unfollowing_a_thread(client, question, other_customer):
    client.force_login(other_customer)
    client.post(en("forum:follow", pk=question.pk), {"action": "follow"})
    assert question.subscriptions.filter(user=other_customer).exists()
    assert "Stop following" in client.get(url_en(question)).content.decode()
    client.post(en("forum:follow", pk=question.pk), {"action": "unfollow"})
    assert not question.subscriptions.filter(user=other_customer).exists()


def test_arabic_home_page_lists_arabic_questions_under_arabic_headings(client, ask, customer):
    ask(customer, title="كيف أحجز زيارة فني إلى المنزل؟", language="ar")
    html = client.get("/ar/").content.decode()
    assert "كيف أحجز زيارة فني إلى المنزل؟" in html
    assert "أحدث الأسئلة" in html and "أسئلة بلا إجابة" in html


def test_voting_answers_json_for_scripts_and_redirects_without_them(
    client, question, other_customer
):
    client.force_login(other_customer)
    url = reverse("forum:vote", args=["question", question.pk])
    response = client.post(url, {"value": "1"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json() == {"score": 1, "vote": 1}
    response = client.post(url, {"value": "0"})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.score == 0
    response = client.post(url, {"value": "7"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["error"]


# The ask form and confirmations (issue 18) -----------------------------------------------------


def test_similar_questions_sit_right_under_the_title_field(client, customer):
    client.force_login(customer)
    soup = BeautifulSoup(client.get(en("forum:ask")).content, "html.parser")
    fields = soup.select("form .field, form #similar-questions")
    order = [
        "similar" if node.get("id") == "similar-questions" else node.select_one("[name]")["name"]
        for node in fields
    ]
    assert order[:3] == ["title", "similar", "body"]


@pytest.mark.parametrize(
    "language, prompt", [("en", "Choose a category"), ("ar", "اختر تصنيفاً")], ids=["en", "ar"]
)
def test_category_select_starts_with_a_prompt_in_the_persons_language(
    client, customer, category, language, prompt
):
    client.force_login(customer)
    soup = BeautifulSoup(client.get(f"/{language}/questions/ask/").content, "html.parser")
    first = soup.select_one("select[name=category] option")
    assert first.get_text() == prompt and first["value"] == ""
    assert "---------" not in str(soup.select_one("select[name=category]"))


def test_unknown_category_is_refused_in_arabic_and_keeps_what_was_typed(client, customer):
    client.force_login(customer)
    response = client.post(
        "/ar/questions/ask/",
        {
            "title": "كيف أغير باقة الإنترنت المنزلي؟",
            "body": "أريد باقة أسرع للإنترنت المنزلي دون تغيير رقم الهاتف الأرضي.",
            "category": "9999",
            "language": "ar",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "هذا التصنيف لم يعد موجوداً: اختر تصنيفاً آخر." in html
    assert "كيف أغير باقة الإنترنت المنزلي؟" in html and "دون تغيير رقم الهاتف الأرضي" in html
    assert not Question.objects.exists()


def test_question_without_a_category_is_still_posted(client, customer, category):
    client.force_login(customer)
    data = {"title": "My SIM card is not working after travel", "body": QUESTION_BODY}
    response = client.post(en("forum:ask"), {**data, "category": "", "language": "en"})
    assert response.status_code == 302
    assert Question.objects.get().category is None


def _messages(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [message.get_text(strip=True) for message in soup.select(".messages .message")]


def test_saving_a_question_edit_says_so(client, question):
    client.force_login(question.author)
    response = client.post(
        en("forum:question_edit", pk=question.pk),
        {
            "title": question.title,
            "body": QUESTION_BODY + " It started last week.",
            "language": "en",
            "version": "1",
        },
        follow=True,
    )
    assert _messages(response) == ["Your edit was saved."]
    assert "It started last week." in response.content.decode()


def test_saving_an_answer_edit_says_so_in_arabic(client, question, answer):
    reply = answer(UserFactory(), question)
    client.force_login(reply.author)
    response = client.post(
        f"/ar/questions/answers/{reply.pk}/edit/",
        {"body": ANSWER_BODY + " Then wait two minutes.", "version": "1"},
        follow=True,
    )
    assert _messages(response) == ["حُفظ تعديلك."]


def test_an_edit_held_for_review_says_so_and_why(client, question):
    from moderation.models import WatchedWord

    WatchedWord.objects.create(pattern="casino")
    client.force_login(question.author)
    response = client.post(
        f"/ar/questions/{question.pk}/-/edit/",
        {
            "title": question.title,
            "body": QUESTION_BODY + " A casino app slows it down.",
            "language": "en",
            "version": "1",
        },
        follow=True,
    )
    [message] = _messages(response)
    assert message.startswith("حُفظ تعديلك وهو بانتظار مراجعة أحد المشرفين (")
    assert "casino" not in message


# Editing comments ------------------------------------------------------------------------------


def test_author_edits_a_comment_through_its_page(client, question, other_customer):
    comment = services.create_comment(actor=other_customer, question=question, body="Which model?")
    client.force_login(other_customer)
    thread = BeautifulSoup(client.get(url_en(question)).content, "html.parser")
    edit_url = en("forum:comment_edit", pk=comment.pk)
    assert thread.select_one(f"#comment-{comment.pk} a[href='{edit_url}']")
    page = client.get(edit_url).content.decode()
    assert "Which model?</textarea>" in page
    response = client.post(edit_url, {"body": "Which router model, please?"}, follow=True)
    assert _messages(response) == ["Your edit was saved."]
    assert "Which router model, please?" in response.content.decode()
    assert response.redirect_chain[-1][0].endswith(f"#comment-{comment.pk}")


def test_an_invalid_comment_edit_shows_the_error_in_arabic_and_keeps_the_text(
    client, question, other_customer
):
    comment = services.create_comment(actor=other_customer, question=question, body="Which model?")
    client.force_login(other_customer)
    response = client.post(f"/ar/questions/comments/{comment.pk}/edit/", {"body": "x" * 700})
    html = response.content.decode()
    assert response.status_code == 200
    assert "x" * 700 in html and "field__error" in html
    assert "اكتب 600 حرف على الأكثر." in html
    assert Comment.objects.get().body == "Which model?"


def test_only_the_author_and_moderators_are_offered_a_comment_edit(
    client, question, customer, other_customer, moderator
):
    comment = services.create_comment(actor=other_customer, question=question, body="Which model?")
    edit_url = en("forum:comment_edit", pk=comment.pk)
    client.force_login(customer)
    assert edit_url not in client.get(url_en(question)).content.decode()
    assert client.get(edit_url).status_code == 403
    assert client.post(edit_url, {"body": "Hijacked comment"}).status_code == 403
    client.force_login(moderator)
    assert edit_url in client.get(url_en(question)).content.decode()
    response = client.post(edit_url, {"body": "Which router model?"})
    assert response.status_code == 200 and "field__error" in response.content.decode()
    client.post(edit_url, {"body": "Which router model?", "reason": "Clearer"})
    assert Comment.objects.get().body == "Which router model?"


def test_the_preview_promises_only_what_the_page_offers(client, question):
    client.force_login(question.author)
    ask = BeautifulSoup(client.get("/ar/questions/ask/").content, "html.parser")
    buttons = [button.get_text(strip=True) for button in ask.select("form button[name=preview]")]
    assert buttons == ["معاينة"]
    assert ask.select_one(".forum-preview p").get_text() == "اضغط «معاينة» لترى كيف ستظهر مشاركتك."
    assert not ask.select_one(".forum-preview").has_attr("hidden")
    edit = BeautifulSoup(
        client.get(en("forum:question_edit", pk=question.pk)).content, "html.parser"
    )
    assert not edit.select("button[name=preview]")
    assert edit.select_one(".forum-preview").has_attr("hidden")  # forum.js shows it


def test_a_suspended_member_is_told_why_their_comment_edit_is_refused(
    client, question, other_customer, moderator
):
    from moderation.actions.people import suspend_user

    comment = services.create_comment(actor=other_customer, question=question, body="Which model?")
    suspend_user(user=other_customer, actor=moderator, days=7, reason="Insults")
    client.force_login(other_customer)
    response = client.post(f"/ar/questions/comments/{comment.pk}/edit/", {"body": "Which router?"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "حسابك موقوف" in html and "Which router?" in html
    assert Comment.objects.get().body == "Which model?"

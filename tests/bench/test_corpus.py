import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F, Q, Sum
from django.utils import translation
from wagtail.models import Locale, Page

from bench.corpus import USERNAME_PREFIX, Sizes
from forum.markdown import render_markdown
from forum.models import Answer, Comment, PostStatus, Question, Vote
from kb.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    call_command("generate_corpus", "--small", "--no-index")
    return Sizes.small()


def test_small_corpus_has_the_requested_sizes(corpus, django_user_model):
    assert django_user_model.objects.filter(username__startswith=USERNAME_PREFIX).count() == (
        corpus.users
    )
    assert Question.objects.count() == corpus.questions
    assert Answer.objects.count() == corpus.answers
    assert Comment.objects.count() == corpus.comments
    assert 0.8 * corpus.votes <= Vote.objects.count() <= corpus.votes
    assert ArticlePage.objects.count() == 2 * corpus.articles


def test_corpus_is_bilingual(corpus):
    languages = dict(
        Question.objects.values_list("language")
        .annotate(n=Count("pk"))
        .values_list("language", "n")
    )
    assert set(languages) == {"ar", "en"}
    articles = ArticlePage.objects.values_list("locale__language_code", flat=True)
    assert sorted(set(articles)) == ["ar", "en"]
    assert list(articles).count("ar") == corpus.articles
    arabic = Question.objects.filter(language="ar").first()
    assert any("\u0600" <= character <= "\u06ff" for character in arabic.title)


def test_denormalised_counters_match_the_rows(corpus):
    for question in Question.objects.all():
        votes = Vote.objects.filter(question=question).aggregate(total=Sum("value"))["total"]
        assert question.score == (votes or 0)
        published = question.answers.filter(status=PostStatus.PUBLISHED).count()
        assert question.answer_count == published
        if question.accepted_answer_id:
            assert question.accepted_answer.question_id == question.pk
    for answer in Answer.objects.annotate(total=Sum("votes__value")):
        assert answer.score == (answer.total or 0)
    assert not Vote.objects.filter(
        Q(question__author=F("user")) | Q(answer__author=F("user"))
    ).exists()


def test_stored_html_is_what_the_markdown_renderer_gives(corpus):
    for model in (Question, Answer, Comment):
        for post in model.objects.all()[:20]:
            assert post.body_html == render_markdown(post.body)


def test_generated_thread_and_article_pages_render(corpus, client):
    question = Question.objects.published().filter(answer_count__gt=0).first()
    answer = question.answers.published().first()
    with translation.override(question.language):
        response = client.get(question.get_absolute_url())
    assert response.status_code == 200
    assert question.title in response.content.decode()
    assert answer.body_html in response.content.decode()

    article = ArticlePage.objects.live().filter(locale__language_code="ar").first()
    response = client.get(article.url)
    assert response.status_code == 200
    page = response.content.decode()
    assert article.title in page
    assert 'dir="rtl"' in page


def test_generating_twice_is_refused_and_adds_nothing(corpus):
    questions = Question.objects.count()
    with pytest.raises(CommandError, match="already holds a generated corpus"):
        call_command("generate_corpus", "--small", "--no-index")
    call_command("generate_corpus", "--small", "--no-index", "--if-empty")
    assert Question.objects.count() == questions


def test_articles_sit_in_a_consistent_page_tree(corpus):
    assert Page.find_problems() == ([], [], [], [], [])
    english = ArticlePage.objects.filter(locale__language_code="en").first()
    assert english.get_translation(Locale.objects.get(language_code="ar")).live

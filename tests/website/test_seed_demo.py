import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

# Tables that record events rather than content: a second run may legitimately touch them.
EVENT_TABLES = {"sessions.Session", "django_tasks_db.DBTaskResult"}


def _row_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        label = model._meta.label
        if model._meta.proxy or not model._meta.managed or label in EVENT_TABLES:
            continue
        counts[label] = model._default_manager.count()
    return counts


def test_seed_demo_creates_people_for_every_role_with_printed_passwords(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    User = get_user_model()
    for email, role in [
        ("noura@dalil.example", "Support staff"),
        ("sami@dalil.example", "Moderators"),
        ("layla@dalil.example", "Customers"),
    ]:
        user = User.objects.get(email=email)
        assert user.groups.filter(name=role).exists()
        assert email in out
    assert "layla-demo-2026" in out
    assert User.objects.get(email="layla@dalil.example").check_password("layla-demo-2026")


def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo")
    first = _row_counts()
    call_command("seed_demo")
    assert _row_counts() == first


def test_demo_home_pages_speak_both_languages(client):
    call_command("seed_demo")
    assert "كيف يمكننا مساعدتك اليوم؟" in client.get("/ar/").content.decode()
    assert "How can we help you today?" in client.get("/en/").content.decode()


def test_seed_demo_refuses_to_run_where_demo_content_is_not_allowed(settings):
    settings.DALIL_DEMO_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("seed_demo")


def test_demo_articles_carry_tags_in_their_own_language():
    from kb.models import ArticlePage

    call_command("seed_demo")
    arabic = ArticlePage.objects.live().filter(locale__language_code="ar").prefetch_related("tags")
    english = ArticlePage.objects.live().filter(locale__language_code="en")
    arabic_tags = {tag.name for article in arabic for tag in article.tags.all()}
    english_tags = {tag.name for article in english for tag in article.tags.all()}
    assert arabic_tags and english_tags
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in name) for name in arabic_tags)
    assert arabic_tags.isdisjoint(english_tags)

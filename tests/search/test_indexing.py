"""Keeping the index right: change notifications, the outbox, the search engine being down."""

import logging
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail import hooks

from tests.search.corpus import document
from website.search import selectors
from website.search.indexing import retry_pending
from website.search.models import PendingIndexUpdate, SearchEntry

UNREACHABLE = "http://127.0.0.1:9"


@pytest.fixture
def notify(django_capture_on_commit_callbacks):
    """What a content app does after its change commits (tests run inside a transaction, so
    the callbacks it schedules are captured and run as a commit would)."""

    def notify(kind, object_id):
        with django_capture_on_commit_callbacks(execute=True):
            for function in hooks.get_hooks("dalil_content_changed"):
                function(kind, object_id)

    return notify


def new_thread(providers, key="en-roaming", title="Roaming data is not working abroad"):
    providers["thread"].documents[key] = document(
        "thread", (key, "en", title, "Roaming", ["roaming"], False, "Data stops abroad.")
    )


@pytest.fixture
def unreachable_elasticsearch(settings):
    settings.ELASTICSEARCH_URL = UNREACHABLE
    settings.DALIL_SEARCH_BACKEND = "elasticsearch"
    settings.DALIL_SEARCH_TIMEOUT = 0.5


def test_a_published_change_is_indexed_through_a_task_after_commit(
    database_search, providers, django_capture_on_commit_callbacks
):
    new_thread(providers)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for function in hooks.get_hooks("dalil_content_changed"):
            function("thread", "en-roaming")
        assert PendingIndexUpdate.objects.filter(object_id="en-roaming").exists()
        assert not SearchEntry.objects.filter(object_id="en-roaming").exists()
    assert len(callbacks) == 1
    titles = [h.title for h in selectors.search("roaming", locale="en").hits]
    assert titles == ["Roaming data is not working abroad"]
    assert not PendingIndexUpdate.objects.exists()


def test_an_edit_replaces_the_indexed_text(database_search, providers, notify):
    new_thread(providers)
    notify("thread", "en-roaming")
    new_thread(providers, title="International roaming bundle questions")
    notify("thread", "en-roaming")
    assert [h.title for h in selectors.search("bundle", locale="en").hits] == [
        "International roaming bundle questions"
    ]
    assert SearchEntry.objects.filter(object_id="en-roaming").count() == 1


def test_content_that_is_no_longer_visible_leaves_the_index(database_search, providers, notify):
    assert selectors.search("password", locale="en").total == 1
    del providers["article"].documents["en-password"]
    notify("article", "en-password")
    assert selectors.search("password", locale="en").total == 0
    assert not SearchEntry.objects.filter(object_id="en-password").exists()


def test_updates_are_kept_while_elasticsearch_is_down_and_retried_later(
    database_search, providers, unreachable_elasticsearch, settings, caplog, notify
):
    new_thread(providers)
    with caplog.at_level(logging.WARNING, logger="dalil.search"):
        notify("thread", "en-roaming")
    pending = PendingIndexUpdate.objects.get()
    assert (pending.kind, pending.object_id, pending.attempts) == ("thread", "en-roaming", 1)
    assert "kept for retry" in caplog.text
    # The database index (the fallback) already has it.
    assert SearchEntry.objects.filter(object_id="en-roaming").exists()

    assert retry_pending() == (0, 1)
    settings.ELASTICSEARCH_URL = ""
    settings.DALIL_SEARCH_BACKEND = "database"
    assert retry_pending() == (1, 0)


def test_searches_fall_back_to_the_database_when_elasticsearch_is_down(
    database_search, unreachable_elasticsearch, client, caplog
):
    with caplog.at_level(logging.WARNING, logger="dalil.search"):
        response = client.get("/en/search/", {"q": "live chat"})
        similar = client.get("/en/search/similar/", {"q": "chat keeps disconnecting"})
    assert response.status_code == 200
    assert "Start a <mark>live</mark> <mark>chat</mark> with an agent" in response.content.decode()
    assert similar.status_code == 200
    assert similar.json()["results"][0]["title"] == "Live chat window keeps disconnecting"
    assert "fell back to the database backend" in caplog.text


def test_the_rebuild_command_shows_progress_and_a_summary(db, settings, providers):
    settings.DALIL_SEARCH_BACKEND = "database"
    PendingIndexUpdate.objects.create(kind="thread", object_id="gone")
    output = StringIO()
    call_command("search_index", "--rebuild", stdout=output)
    text = output.getvalue()
    assert "21 documents" in text
    assert "database: 13 articles, 8 threads" in text
    assert "Search index rebuilt in" in text
    assert SearchEntry.objects.count() == 21
    assert not PendingIndexUpdate.objects.exists()


def test_the_rebuild_progress_bar_uses_provider_counts_when_known(db, settings, providers):
    settings.DALIL_SEARCH_BACKEND = "database"
    for provider in providers.values():
        provider.count = lambda provider=provider: len(provider.documents)
    output = StringIO()
    call_command("search_index", "--rebuild", stdout=output)
    assert "[##############################] 21/21" in output.getvalue()


def test_the_retry_command_reports_what_is_still_pending(
    database_search, providers, unreachable_elasticsearch
):
    PendingIndexUpdate.objects.create(kind="thread", object_id="en-late-sms")
    with pytest.raises(CommandError, match="1 index updates are still pending"):
        call_command("search_index", "--retry", stdout=StringIO())
    assert PendingIndexUpdate.objects.get().attempts == 1


def test_an_update_for_a_kind_nobody_provides_is_kept(database_search, notify):
    notify("video", "7")
    assert PendingIndexUpdate.objects.filter(kind="video", object_id="7").exists()


def test_the_next_successful_update_also_flushes_the_backlog(
    database_search, providers, unreachable_elasticsearch, settings, notify
):
    new_thread(providers)
    notify("thread", "en-roaming")
    assert PendingIndexUpdate.objects.count() == 1
    settings.ELASTICSEARCH_URL = ""
    settings.DALIL_SEARCH_BACKEND = "database"
    notify("article", "en-chat")
    assert not PendingIndexUpdate.objects.exists()


def test_seeding_the_demo_rebuilds_the_search_index(db, providers, settings):
    settings.DALIL_SEARCH_BACKEND = "database"
    output = StringIO()
    call_command("seed_demo", stdout=output)
    assert "Search index (database): 13 articles, 8 threads" in output.getvalue()
    assert SearchEntry.objects.count() == 21


def test_a_rebuild_while_elasticsearch_is_down_says_so_and_keeps_pending_updates(
    db, providers, unreachable_elasticsearch
):
    PendingIndexUpdate.objects.create(kind="thread", object_id="en-late-sms")
    with pytest.raises(CommandError, match="could not be reached"):
        call_command("search_index", "--rebuild", stdout=StringIO())
    assert SearchEntry.objects.count() == 21
    assert PendingIndexUpdate.objects.count() == 1


def test_a_provider_may_return_plain_objects_with_the_document_attributes(
    db, settings, monkeypatch
):
    from types import SimpleNamespace

    from website.search.indexing import rebuild_index

    settings.DALIL_SEARCH_BACKEND = "database"
    monkeypatch.setitem(hooks._hooks, "dalil_search_providers", [])

    class PlainProvider:
        kind = "thread"

        def iter_documents(self):
            yield self.document_for(7)

        def document_for(self, object_id):
            return SimpleNamespace(
                object_id=7, locale="en", title="eSIM activation fails", url="/en/q/7/"
            )

    with hooks.register_temporarily("dalil_search_providers", lambda: PlainProvider()):
        rebuild_index()
        hit = selectors.search("esim", locale="en").hits[0]
    assert (hit.kind, hit.object_id, hit.title, hit.solved) == (
        "thread",
        "7",
        "eSIM activation fails",
        None,
    )


def test_did_you_mean_forgets_words_of_removed_content(database_search, providers, notify):
    from website.search.models import SearchTerm

    assert selectors.search("pasword", locale="en").suggestion == "password"
    del providers["article"].documents["en-password"]
    notify("article", "en-password")
    assert not SearchTerm.objects.filter(term="password").exists()
    assert selectors.search("pasword", locale="en").suggestion is None
    assert SearchTerm.objects.get(term="chat", locale="en").frequency == 3

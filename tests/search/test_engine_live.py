"""What the live search node does with the backend's mappings, updates and rebuilds."""

import threading
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail import hooks

from tests.search.corpus import document
from website.search.backends.mapping import MAPPING_VERSION, alias_name

pytestmark = [pytest.mark.engine, pytest.mark.django_db]


def tokens(engine, analyzer, text):
    return engine.client.analyze(alias_name("article"), {"analyzer": analyzer, "text": text})


def test_the_folded_analyser_unifies_arabic_letters_diacritics_tatweel_and_digits(engine):
    assert tokens(engine, "dalil_folded", "أحمد إيمان آمال مستشفى رسالة") == [
        "احمد",
        "ايمان",
        "امال",
        "مستشفي",
        "رساله",
    ]
    assert tokens(engine, "dalil_folded", "مُحَادَثَة مـحـادثـة") == ["محادثه", "محادثه"]
    assert tokens(engine, "dalil_folded", "٣ ۳ 3 ٢٤") == ["3", "3", "3", "24"]


def test_the_arabic_and_english_analysers_stem_and_drop_stop_words(engine):
    assert tokens(engine, "dalil_arabic", "الاستجابة والمحادثات في الرسائل") == [
        "استجاب",
        "محادث",
        "رسائل",
    ]
    assert tokens(engine, "dalil_english", "The surveys of a customer's answering") == [
        "survei",
        "custom",
        "answer",
    ]


def test_indexes_carry_the_mapping_version_and_hold_every_document(engine, providers):
    assert engine.outdated_indexes() == []
    counts = {
        kind: engine.client.search([alias_name(kind)], {"size": 0, "track_total_hits": True})[
            "hits"
        ]["total"]["value"]
        for kind in ("article", "thread")
    }
    assert counts == {kind: len(p.documents) for kind, p in providers.items()}


def test_a_rebuild_swaps_the_alias_while_searches_keep_answering(engine):
    before = engine.client.alias_targets(alias_name("article"))
    errors, answers, done = [], [], threading.Event()

    def keep_searching():
        while not done.is_set():
            try:
                hits = engine.search("password", locale="en").hits
                answers.append(hits[0].title if hits else None)
            except Exception as error:  # noqa: BLE001 (any failure is what this test looks for)
                errors.append(error)

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        from website.search.indexing import rebuild_index

        rebuild_index()
    finally:
        done.set()
        searcher.join()
    after = engine.client.alias_targets(alias_name("article"))
    assert errors == []
    assert answers and set(answers) == {"Reset your account password"}
    assert after != before and len(after) == 1
    assert engine.client.alias_targets(before[0]) == []  # the old index is gone


def test_an_index_of_an_older_mapping_is_replaced_by_a_rebuild_without_downtime(engine):
    alias = alias_name("article")
    old_index = f"{alias}-v1"
    engine.client.delete_index(old_index)
    engine.client.create_index(
        old_index,
        {
            "settings": {"number_of_shards": 1, "number_of_replicas": 0},
            "mappings": {"properties": {"title": {"type": "text"}, "kind": {"type": "keyword"}}},
        },
    )
    current = engine.client.alias_targets(alias)
    engine.client.update_aliases(
        [{"remove": {"index": name, "alias": alias}} for name in current]
        + [{"add": {"index": old_index, "alias": alias}}]
    )
    for name in current:
        engine.client.delete_index(name)
    assert engine.outdated_indexes() == [old_index]

    errors, done = [], threading.Event()

    def keep_searching():
        while not done.is_set():
            try:
                engine.client.search([alias], {"query": {"match_all": {}}})
            except Exception as error:  # noqa: BLE001
                errors.append(error)

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        call_command("search_index", "--rebuild", stdout=StringIO())
    finally:
        done.set()
        searcher.join()
    assert errors == []
    assert engine.outdated_indexes() == []
    (new_index,) = engine.client.alias_targets(alias)
    meta = engine.client.get_mapping(new_index)[new_index]["mappings"]["_meta"]
    assert meta == {"dalil_mapping_version": MAPPING_VERSION}
    assert engine.client.alias_targets(old_index) == []
    assert engine.search("password", locale="en").hits[0].title == "Reset your account password"


@pytest.fixture
def notify(django_capture_on_commit_callbacks):
    def notify(kind, object_id):
        with django_capture_on_commit_callbacks(execute=True):
            for function in hooks.get_hooks("dalil_content_changed"):
                function(kind, object_id)

    return notify


def test_changes_reach_the_node_through_the_outbox_and_removals_leave_it(engine, providers, notify):
    from website.search.models import PendingIndexUpdate

    providers["thread"].documents["en-roaming"] = document(
        "thread", ("en-roaming", "en", "Roaming abroad fails", "", ["roaming"], False, "Abroad.")
    )
    notify("thread", "en-roaming")
    engine.refresh()
    assert not PendingIndexUpdate.objects.exists()
    assert engine.search("roaming", locale="en").hits[0].object_id == "en-roaming"

    del providers["article"].documents["en-password"]
    notify("article", "en-password")
    engine.refresh()
    titles = [hit.title for hit in engine.search("password", locale="en").hits]
    assert "Reset your account password" not in titles


@pytest.mark.parametrize("backend", ["database", "engine"], indirect=True)
def test_a_staff_synonym_finds_the_answer_without_reindexing(
    backend, support_staff, customer, django_capture_on_commit_callbacks
):
    from django.core.exceptions import PermissionDenied

    from website.search.models import SearchSynonym
    from website.search.synonyms import save_synonym

    def titles():
        return [hit.title for hit in backend.search("helpline", locale="en").hits]

    assert "How to contact phone support" not in titles()
    indexes = (
        backend.client.alias_targets(alias_name("article")) if backend.name != "database" else []
    )
    with pytest.raises(PermissionDenied):
        save_synonym(
            actor=customer, synonym=SearchSynonym(language="en", terms="helpline, phone support")
        )
    with django_capture_on_commit_callbacks(execute=True):
        save_synonym(
            actor=support_staff,
            synonym=SearchSynonym(language="en", terms="helpline, phone support"),
        )
    assert titles()[0] == "How to contact phone support"
    if backend.name != "database":
        assert backend.client.alias_targets(alias_name("article")) == indexes

"""Anonymous visitors cannot mark official articles out of date (issue 17, item 14).

Five "No - outdated" votes from five new anonymous sessions raised the public "may be out of
date" banner after the nightly sweep, and behind the documented reverse proxy the per-address
feedback limit saw the proxy's address, so the whole site shared one budget. Now anonymous votes
weigh DALIL_STALE_FEEDBACK_ANONYMOUS_WEIGHT of a member's and never raise the banner alone, and
every per-address limit reads the client address from the configured trusted proxy header.
"""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from kb.models import ArticleFeedback
from kb.services import FEEDBACK_RATE_LIMIT
from moderation.limits import address_scope, client_ip
from moderation.models import StaleItem, StaleSignal
from moderation.stale import reader_score, run_sweep
from tests.factories import UserFactory
from tests.kb.conftest import make_article, make_category
from tests.website.test_settings import GOOD_KEY, _run

pytestmark = pytest.mark.django_db

BANNER = {
    "en": "This article may be out of date",
    "ar": "قد تكون هذه المقالة قديمة",
}


@pytest.fixture
def article(db):
    return make_article(make_category("en", "Internet"), "Fix evening drops")


def feedback_url(article):
    with translation.override("en"):
        return reverse("kb:feedback", args=[article.pk])


def vote_anonymously(article, count, *, start=0, reason="outdated"):
    for number in range(start, start + count):
        visitor = Client(REMOTE_ADDR=f"198.51.100.{number + 1}")  # a new session each time
        response = visitor.post(feedback_url(article), {"helpful": "no", "reason": reason})
        assert response.status_code == 302, response.content[:300]


def vote_as_members(article, count, reason="outdated"):
    for _ in range(count):
        member = Client()
        member.force_login(UserFactory())
        response = member.post(feedback_url(article), {"helpful": "no", "reason": reason})
        assert response.status_code == 302


def banner_shown(article) -> bool:
    with translation.override("en"):
        html = Client().get(article.get_url()).content.decode()
    return BANNER["en"] in html


def open_codes(article) -> set:
    return set(StaleSignal.objects.open().for_target(article).values_list("code", flat=True))


def test_five_anonymous_outdated_votes_do_not_raise_the_public_banner(article):
    vote_anonymously(article, 5)
    run_sweep()
    assert not banner_shown(article)
    # Staff still hear about it: four anonymous reports weigh as much as one member's.
    assert open_codes(article) == {"reader_report"}
    signal = StaleSignal.objects.get(code="reader_report")
    assert signal.evidence == {"reports": 5, "anonymous_reports": 5}
    assert StaleItem.objects.get(object_id=article.pk).score == 4
    assert reader_score(article) == 0


def test_a_single_anonymous_report_does_not_reach_the_review_queue(article):
    vote_anonymously(article, 1)
    run_sweep()
    assert open_codes(article) == set()


def test_a_single_anonymous_report_that_says_what_is_wrong_reaches_the_queue_not_the_banner(
    article,
):
    visitor = Client(REMOTE_ADDR="198.51.100.77")
    response = visitor.post(
        feedback_url(article),
        {"helpful": "no", "reason": "outdated", "comment": "The opening hours changed."},
    )
    assert response.status_code == 302
    run_sweep()
    assert open_codes(article) == {"reader_report"}
    assert reader_score(article) == 0
    assert not banner_shown(article)


def test_twenty_anonymous_votes_fill_the_queue_but_never_the_banner(article):
    vote_anonymously(article, 20)
    run_sweep()
    assert open_codes(article) == {"reader_report", "unhelpful_feedback"}
    assert StaleItem.objects.get(object_id=article.pk).score == 7
    assert not banner_shown(article)


def test_a_signed_in_member_agreeing_with_anonymous_votes_raises_the_banner(article):
    vote_anonymously(article, 20)
    vote_as_members(article, 1)
    run_sweep()
    assert reader_score(article) == 7
    assert banner_shown(article)


def test_five_members_saying_outdated_raise_the_banner_as_before(article):
    vote_as_members(article, 5)
    run_sweep()
    assert banner_shown(article)


def test_the_review_queue_says_how_many_votes_were_anonymous(article, support_staff):
    from wagtail.users.models import UserProfile

    vote_anonymously(article, 20)
    run_sweep()
    staff = Client()
    staff.force_login(support_staff)
    profile = UserProfile.get_for_user(support_staff)
    for language, words in (
        ("en", "Reports: 20 (20 anonymous)"),
        ("ar", "20 منها من زوار مجهولين"),
    ):
        profile.preferred_language = language
        profile.save()
        html = staff.get(reverse("moderation_admin:stale")).content.decode()
        assert words in html, language


# The client address ------------------------------------------------------------------------------


def _request(remote="10.0.0.9", **headers):
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_a_trusted_header_the_peer_address_is_the_client(settings):
    settings.DALIL_TRUSTED_PROXY_HEADER = ""
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="203.0.113.7")) == "10.0.0.9"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the left entry is the client's own claim
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (2, "203.0.113.7", "203.0.113.7"),  # skipped the outer proxy: what the inner one saw
        (1, "", "10.0.0.9"),
        (1, "not-an-address", "10.0.0.9"),
    ],
)
def test_x_forwarded_for_is_read_as_many_hops_from_the_right_as_there_are_proxies(
    settings, count, forwarded, expected
):
    settings.DALIL_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.DALIL_TRUSTED_PROXY_COUNT = count
    assert client_ip(_request(HTTP_X_FORWARDED_FOR=forwarded)) == expected


def test_a_one_address_header_is_read_as_it_is(settings):
    settings.DALIL_TRUSTED_PROXY_HEADER = "X-Real-IP"
    assert client_ip(_request(HTTP_X_REAL_IP="2001:db8::7")) == "2001:db8::7"
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="203.0.113.7")) == "10.0.0.9"


def test_ipv6_clients_share_a_budget_per_64_network():
    assert address_scope("2001:db8:1:2:aaaa::1") == address_scope("2001:db8:1:2:bbbb::9")
    assert address_scope("2001:db8:1:2::1") != address_scope("2001:db8:1:3::1")
    assert address_scope("203.0.113.7") == "203.0.113.7"


def test_behind_the_proxy_each_visitor_gets_their_own_feedback_budget(article, settings):
    settings.DALIL_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    for number in range(FEEDBACK_RATE_LIMIT + 5):
        visitor = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{number + 1}")
        response = visitor.post(feedback_url(article), {"helpful": "yes"})
        assert response.status_code == 302, number
    assert ArticleFeedback.objects.count() == FEEDBACK_RATE_LIMIT + 5


def test_one_visitor_behind_the_proxy_cannot_escape_the_limit_by_forging_the_header(
    article, settings
):
    settings.DALIL_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    statuses = []
    for number in range(FEEDBACK_RATE_LIMIT + 1):
        visitor = Client(  # a new session and a forged left-hand entry every time
            REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"6.6.6.{number + 1}, 203.0.113.7"
        )
        statuses.append(visitor.post(feedback_url(article), {"helpful": "yes"}).status_code)
    assert statuses == [302] * FEEDBACK_RATE_LIMIT + [429]


@pytest.mark.parametrize(
    ("header", "extra"),
    [
        ("X-Forwarded-For", {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.7"}),
        ("X-Real-IP", {"HTTP_X_REAL_IP": "203.0.113.7"}),
    ],
)
def test_allauths_per_address_limits_see_the_same_client(header, extra):
    code = (
        "import django; django.setup(); from django.test import RequestFactory; "
        "from allauth.account.adapter import get_adapter; "
        "from moderation.limits import client_ip; "
        f"r = RequestFactory().get('/', REMOTE_ADDR='10.0.0.9', **{extra!r}); "
        "print(get_adapter(r).get_client_ip(r), client_ip(r))"
    )
    result = _run(
        code,
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="help.example.com",
        DALIL_TRUSTED_PROXY_HEADER=header,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["203.0.113.7", "203.0.113.7"]

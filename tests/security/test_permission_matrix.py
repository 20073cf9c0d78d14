"""Who may open what: every URL in the URLconf, every role, one table of expected statuses.

`test_every_route_has_a_row` walks django.urls.get_resolver(): a route served by Dalil's own
code without a row in ROUTES (or a third-party package without a row in AREAS) fails the suite,
so a new view cannot ship without a decision about who may use it.

Statuses are for a GET and for a POST with an empty form (CSRF is enforced by the client in
production; the test client skips it, so these are the permission answers alone). Columns:
anonymous, unverified (email not confirmed), customer, suspended customer, moderator and
support staff. Objects belong to someone else (`owner`) unless a row says otherwise.

A suspended customer's *empty* POST is refused by form validation before moderation is asked,
so those cells match a customer's; real submissions by a suspended customer are refused with
403 in the tests below (`test_a_suspended_customer_cannot_*`).
"""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from wagtail.models import Page

from forum import services as forum_services
from forum.models import Category as ForumCategory
from forum.notifications import unsubscribe_token
from kb.models import ArticlePage
from moderation.actions.decisions import submit_for_review
from moderation.actions.notifications import email_off_token
from moderation.actions.people import suspend_user
from moderation.models import Notification, StaleItem
from moderation.stale import run_sweep
from support import actions as support_actions
from tests.factories import SupportStaffFactory, UserFactory
from tests.kb.conftest import make_article, make_category
from tests.moderation.conftest import make_trusted
from tests.moderation_testapp.models import Post
from webhooks import services as webhook_services
from webhooks.events import register_event
from website.insights.models import Survey
from website.insights.surveys import survey_token

register_event("security.check", "An event for the permission matrix")

ROLES = ("anonymous", "unverified", "customer", "suspended", "moderator", "staff")
OWN_PACKAGES = ("forum.", "kb.", "moderation.", "support.", "webhooks.", "website.")
BODY = "A body long enough for the forum's minimum length rule, about the fibre line."


def _row(get=None, post=None):
    """Expand `"302 302 200 ..."` strings (one status per role) into {role: status}."""

    def expand(statuses):
        if statuses is None:
            return None
        values = [int(value) for value in statuses.split()]
        assert len(values) == len(ROLES), statuses
        return dict(zip(ROLES, values, strict=True))

    return {"GET": expand(get), "POST": expand(post)}


# name: (arguments, methods probed)
SPEC = {
    "website:profile": ("person", ("GET",)),
    "website:profile_edit": ("", ("GET", "POST")),
    "website:email_confirmed": ("", ("GET",)),
    "website:send_email_confirmation_again": ("", ("GET", "POST")),
    "website:translation_missing": ("page", ("GET",)),
    "robots_txt": ("", ("GET",)),
    "sitemap_index": ("", ("GET",)),
    "sitemap_section": ("section", ("GET",)),
    "admin_login_redirect": ("", ("GET",)),
    "admin_password_reset_redirect": ("", ("GET", "POST")),
    "forum:question_list": ("", ("GET",)),
    "forum:ask": ("", ("GET", "POST")),
    "forum:preview": ("", ("GET", "POST")),
    "forum:answer_edit": ("answer", ("GET", "POST")),
    "forum:comment_edit": ("comment", ("GET", "POST")),
    "forum:accept": ("answer", ("GET", "POST")),
    "forum:official": ("answer", ("GET", "POST")),
    "support:escalate": ("question", ("GET", "POST")),
    "support_helpdesk_callback": ("endpoint", ("GET", "POST")),
    "support:add_note": ("case", ("GET", "POST")),
    "support:reopen": ("case", ("GET", "POST")),
    "support_admin:cases": ("", ("GET",)),
    "insights_admin:index": ("", ("GET",)),
    "insights_admin:export": ("figure", ("GET",)),
    "insights_admin:export_gaps": ("gap", ("GET",)),
    "insights_admin:summary": ("", ("GET", "POST")),
    "support_admin:cases_results": ("", ("GET",)),
    "support_admin:assign": ("", ("GET", "POST")),
    "support_admin:case": ("case", ("GET",)),
    "support_admin:claim": ("case", ("GET", "POST")),
    "support_admin:state": ("case", ("GET", "POST")),
    "support_admin:priority": ("case", ("GET", "POST")),
    "support_admin:add_note": ("case", ("GET", "POST")),
    "wagtailsnippets_support_categorypolicy:list": ("", ("GET",)),
    "forum:vote": ("kind_answer", ("GET", "POST")),
    "forum:change_status": ("kind_answer", ("GET", "POST")),
    "forum:revisions": ("kind_question", ("GET",)),
    "forum:unsubscribe": ("token", ("GET",)),
    "forum:question_shortlink": ("question", ("GET",)),
    "forum:answer_create": ("question", ("GET", "POST")),
    "forum:comment_create": ("question", ("GET", "POST")),
    "forum:question_edit": ("question", ("GET", "POST")),
    "forum:follow": ("question", ("GET", "POST")),
    "forum:follow_tag": ("", ("GET", "POST")),
    "forum:follow_category": ("forum_category", ("GET", "POST")),
    "forum:moderate": ("question", ("GET", "POST")),
    "forum:question_detail": ("question_slug", ("GET",)),
    "forum:pending_question_detail": ("pending_slug", ("GET",)),
    "moderation:notifications": ("", ("GET",)),
    "moderation:mark_read": ("", ("GET", "POST")),
    "moderation:open_notification": ("notification", ("GET",)),
    "moderation:mark_one_read": ("notification", ("GET", "POST")),
    "moderation:email_preferences": ("", ("GET", "POST")),
    "moderation:email_off": ("email_off_token", ("GET", "POST")),
    "moderation:flag": ("flag", ("GET", "POST")),
    "search:results": ("", ("GET",)),
    "search:similar": ("", ("GET",)),
    "search:click": ("", ("GET", "POST")),
    "kb:feedback": ("article", ("GET", "POST")),
    "kb:article": ("article_url", ("GET",)),
    "search_terms_report": ("", ("GET",)),
    "search_terms_report_results": ("", ("GET",)),
    "kb_article_feedback_report": ("", ("GET",)),
    "kb_article_feedback_report_results": ("", ("GET",)),
    "moderation_admin:queue": ("", ("GET",)),
    "moderation_admin:queue_results": ("", ("GET",)),
    "moderation_admin:item": ("item", ("GET",)),
    "moderation_admin:decide": ("item", ("GET", "POST")),
    "moderation_admin:edit": ("item", ("GET", "POST")),
    "moderation_admin:bulk": ("", ("GET", "POST")),
    "moderation_admin:audit": ("", ("GET",)),
    "moderation_admin:audit_results": ("", ("GET",)),
    "moderation_admin:suspensions": ("", ("GET",)),
    "moderation_admin:lift": ("suspension", ("GET", "POST")),
    "moderation_admin:person": ("person", ("GET",)),
    # Third-party areas: representative URLs (see AREAS).
    "wagtailadmin_home": ("", ("GET",)),
    "wagtailadmin_explore_root": ("", ("GET",)),
    "wagtailimages:index": ("", ("GET",)),
    "wagtaildocs:index": ("", ("GET",)),
    "wagtailusers_users:index": ("", ("GET",)),
    "wagtailsnippets_forum_category:list": ("", ("GET",)),
    "wagtailsnippets_moderation_watchedword:list": ("", ("GET",)),
    "webhooks_admin:deliveries": ("", ("GET",)),
    "webhooks_admin:deliveries_results": ("", ("GET",)),
    "webhooks_admin:replay": ("delivery", ("GET", "POST")),
    "webhook_endpoints:add": ("", ("GET", "POST")),
    "webhook_endpoints:edit": ("endpoint", ("GET", "POST")),
    "admin:index": ("", ("GET",)),
    "website:articles_rss": ("", ("GET",)),
    "website:articles_atom": ("", ("GET",)),
    "website:category_rss": ("category", ("GET",)),
    "website:category_atom": ("category", ("GET",)),
    "website:questions_rss": ("", ("GET",)),
    "website:questions_atom": ("", ("GET",)),
    "website:tag_rss": ("tag", ("GET",)),
    "website:tag_atom": ("tag", ("GET",)),
    "kb:promote": ("answer", ("GET", "POST")),
    "kb:nominate": ("answer", ("GET", "POST")),
    "kb_promotion_candidates_report": ("", ("GET",)),
    "kb_promotion_candidates_report_results": ("", ("GET",)),
    "kb_acknowledge_source_changes": ("article", ("GET", "POST")),
    "moderation_admin:stale": ("", ("GET",)),
    "moderation_admin:stale_results": ("", ("GET",)),
    "moderation_admin:stale_reviewed": ("stale", ("GET", "POST")),
    "moderation_admin:stale_dismiss": ("stale", ("GET", "POST")),
    "moderation_admin:stale_reassign": ("stale", ("GET", "POST")),
    "moderation_admin:stale_archive": ("stale", ("GET", "POST")),
    "moderation_admin:stale_report": ("stale", ("GET", "POST")),
    "insights:survey": ("survey_token", ("GET", "POST")),
    "account_login": ("", ("GET",)),
    "account_signup": ("", ("GET",)),
    "account_email": ("", ("GET",)),
    "account_logout": ("", ("GET",)),
}
# Routes served by other packages are covered by the representative rows above.
AREAS = {
    "wagtail": ("wagtailadmin_home", "wagtailimages:index", "wagtaildocs:index"),
    "django": ("admin:index", "admin_login_redirect"),
    "allauth": ("account_login", "account_signup", "account_email"),
    "taggit": ("admin:index",),
}
# Names that are not URL names but rows about objects (a pending question, a live article).
PSEUDO = {
    "forum:pending_question_detail": "forum:question_detail",
    "kb:article": None,
}

#                       anonymous unverified customer suspended moderator staff
ROUTES = {
    "website:profile": _row(get="200 200 200 200 200 200"),
    "website:profile_edit": _row(get="302 200 200 200 200 200", post="302 200 200 200 200 200"),
    "website:email_confirmed": _row(get="200 200 200 200 200 200"),
    # Sending the link again redirects back (to the email page here) for everyone logged in.
    "website:send_email_confirmation_again": _row(
        get="302 405 405 405 405 405", post="302 302 302 302 302 302"
    ),
    "website:translation_missing": _row(get="200 200 200 200 200 200"),
    "robots_txt": _row(get="200 200 200 200 200 200"),
    "sitemap_index": _row(get="200 200 200 200 200 200"),
    "sitemap_section": _row(get="200 200 200 200 200 200"),
    "admin_login_redirect": _row(get="302 302 302 302 302 302"),
    "admin_password_reset_redirect": _row(
        get="302 302 302 302 302 302", post="302 302 302 302 302 302"
    ),
    "forum:question_list": _row(get="200 200 200 200 200 200"),
    "forum:ask": _row(get="302 403 200 200 200 200", post="302 403 200 200 200 200"),
    "forum:preview": _row(get="405 405 405 405 405 405", post="302 200 200 403 200 200"),
    "forum:answer_edit": _row(get="302 403 403 403 200 200", post="302 403 403 403 200 200"),
    "forum:comment_edit": _row(get="302 403 403 403 200 200", post="302 403 403 403 200 200"),
    "forum:accept": _row(get="405 405 405 405 405 405", post="302 403 403 403 302 302"),
    # Only support staff mark the official answer.
    "forum:official": _row(get="405 405 405 405 405 405", post="302 403 403 403 403 302"),
    # The asker (after the wait), moderators and the team hand a thread to support.
    "support:escalate": _row(get="405 405 405 405 405 405", post="302 403 403 403 302 302"),
    # A helpdesk's signed callback: no session gets anything, an unsigned request is refused.
    "support_helpdesk_callback": _row(
        get="405 405 405 405 405 405", post="401 401 401 401 401 401"
    ),
    # Private notes: the asker and the team (an empty note is sent back with a message).
    "support:add_note": _row(get="405 405 405 405 405 405", post="302 403 403 403 403 302"),
    # Only the asker reopens ("this did not help").
    "support:reopen": _row(get="405 405 405 405 405 405", post="302 403 403 403 403 403"),
    "support_admin:cases": _row(get="302 302 302 302 302 200"),
    # Insights: support staff only (insights.view_insights).
    "insights_admin:index": _row(get="302 302 302 302 302 200"),
    "insights_admin:export": _row(get="302 302 302 302 302 200"),
    "insights_admin:export_gaps": _row(get="302 302 302 302 302 200"),
    "insights_admin:summary": _row(get="302 302 302 302 302 405", post="302 302 302 302 302 302"),
    "support_admin:cases_results": _row(get="302 302 302 302 302 200"),
    "support_admin:assign": _row(get="302 302 302 302 302 405", post="302 302 302 302 302 302"),
    "support_admin:case": _row(get="302 302 302 302 302 200"),
    "support_admin:claim": _row(get="302 302 302 302 302 405", post="302 302 302 302 302 302"),
    "support_admin:state": _row(get="302 302 302 302 302 405", post="302 302 302 302 302 302"),
    "support_admin:priority": _row(get="302 302 302 302 302 405", post="302 302 302 302 302 302"),
    "support_admin:add_note": _row(get="302 302 302 302 302 405", post="302 302 302 302 302 302"),
    "wagtailsnippets_support_categorypolicy:list": _row(get="302 302 302 302 302 200"),
    "forum:vote": _row(get="405 405 405 405 405 405", post="302 302 302 302 302 302"),
    "forum:change_status": _row(get="405 405 405 405 405 405", post="302 404 404 404 404 404"),
    "forum:revisions": _row(get="200 200 200 200 200 200"),
    "forum:unsubscribe": _row(get="200 200 200 200 200 200"),
    "forum:question_shortlink": _row(get="301 301 301 301 301 301"),
    "forum:answer_create": _row(get="405 405 405 405 405 405", post="302 400 400 400 400 400"),
    "forum:comment_create": _row(get="405 405 405 405 405 405", post="302 400 400 400 400 400"),
    "forum:question_edit": _row(get="302 403 403 403 200 200", post="302 403 403 403 200 200"),
    "forum:follow": _row(get="405 405 405 405 405 405", post="302 302 302 302 302 302"),
    # An empty form names no tag: the list says so (a message) and nothing is followed.
    "forum:follow_tag": _row(get="405 405 405 405 405 405", post="302 302 302 302 302 302"),
    "forum:follow_category": _row(get="405 405 405 405 405 405", post="302 302 302 302 302 302"),
    "forum:moderate": _row(get="405 405 405 405 405 405", post="302 403 403 403 404 404"),
    "forum:question_detail": _row(get="200 200 200 200 200 200"),
    "forum:pending_question_detail": _row(get="404 404 404 404 200 200"),
    "moderation:notifications": _row(get="302 200 200 200 200 200"),
    "moderation:mark_read": _row(get="302 405 405 405 405 405", post="302 302 302 302 302 302"),
    # The owner's notice: nobody else finds it.
    "moderation:open_notification": _row(get="302 404 404 404 404 404"),
    "moderation:mark_one_read": _row(get="302 405 405 405 405 405", post="302 404 404 404 404 404"),
    # An empty form is refused, for everyone signed in.
    "moderation:email_preferences": _row(
        get="302 200 200 200 200 200", post="302 400 400 400 400 400"
    ),
    # The signed link is the right (it was mailed to its owner): no login needed.
    "moderation:email_off": _row(get="200 200 200 200 200 200", post="200 200 200 200 200 200"),
    "moderation:flag": _row(get="302 200 200 200 200 200", post="302 200 200 200 200 200"),
    "search:results": _row(get="200 200 200 200 200 200"),
    "search:similar": _row(get="400 400 400 400 400 400"),
    "search:click": _row(get="405 405 405 405 405 405", post="400 400 400 400 400 400"),
    "kb:feedback": _row(get="405 405 405 405 405 405", post="400 400 400 400 400 400"),
    "kb:article": _row(get="200 200 200 200 200 200"),
    "search_terms_report": _row(get="302 302 302 302 302 200"),
    "search_terms_report_results": _row(get="302 302 302 302 302 200"),
    "kb_article_feedback_report": _row(get="302 302 302 302 302 200"),
    "kb_article_feedback_report_results": _row(get="302 302 302 302 302 200"),
    "moderation_admin:queue": _row(get="302 302 302 302 200 200"),
    "moderation_admin:queue_results": _row(get="302 302 302 302 200 200"),
    "moderation_admin:item": _row(get="302 302 302 302 200 200"),
    "moderation_admin:decide": _row(get="302 302 302 302 405 405", post="302 302 302 302 302 302"),
    "moderation_admin:edit": _row(get="302 302 302 302 200 200", post="302 302 302 302 200 200"),
    "moderation_admin:bulk": _row(get="302 302 302 302 405 405", post="302 302 302 302 302 302"),
    "moderation_admin:audit": _row(get="302 302 302 302 200 200"),
    "moderation_admin:audit_results": _row(get="302 302 302 302 200 200"),
    "moderation_admin:suspensions": _row(get="302 302 302 302 200 200"),
    "moderation_admin:lift": _row(get="302 302 302 302 405 405", post="302 302 302 302 302 302"),
    "moderation_admin:person": _row(get="302 302 302 302 200 200"),
    "wagtailadmin_home": _row(get="302 302 302 302 200 200"),
    "wagtailadmin_explore_root": _row(get="302 302 302 302 302 200"),
    "wagtailimages:index": _row(get="302 302 302 302 302 200"),
    "wagtaildocs:index": _row(get="302 302 302 302 302 200"),
    "wagtailusers_users:index": _row(get="302 302 302 302 302 302"),
    "wagtailsnippets_forum_category:list": _row(get="302 302 302 302 302 302"),
    "wagtailsnippets_moderation_watchedword:list": _row(get="302 302 302 302 200 200"),
    "admin:index": _row(get="302 302 302 302 302 302"),
    "website:articles_rss": _row(get="200 200 200 200 200 200"),
    "website:articles_atom": _row(get="200 200 200 200 200 200"),
    "website:category_rss": _row(get="200 200 200 200 200 200"),
    "website:category_atom": _row(get="200 200 200 200 200 200"),
    "website:questions_rss": _row(get="200 200 200 200 200 200"),
    "website:questions_atom": _row(get="200 200 200 200 200 200"),
    "website:tag_rss": _row(get="200 200 200 200 200 200"),
    "website:tag_atom": _row(get="200 200 200 200 200 200"),
    # Only support staff promote; moderators may nominate. An empty form is bad input (400).
    "kb:promote": _row(get="302 403 403 403 403 200", post="302 403 403 403 403 400"),
    "kb:nominate": _row(get="302 403 403 403 200 200", post="302 403 403 403 400 400"),
    "kb_promotion_candidates_report": _row(get="302 302 302 302 302 200"),
    "kb_promotion_candidates_report_results": _row(get="302 302 302 302 302 200"),
    # Staff are sent back to the article with a message (it has no promotion source here).
    "kb_acknowledge_source_changes": _row(
        get="302 302 302 302 302 302", post="302 302 302 302 302 302"
    ),
    "moderation_admin:stale": _row(get="302 302 302 302 302 200"),
    "moderation_admin:stale_results": _row(get="302 302 302 302 302 200"),
    "moderation_admin:stale_reviewed": _row(
        get="302 302 302 302 405 405", post="302 302 302 302 302 302"
    ),
    "moderation_admin:stale_dismiss": _row(
        get="302 302 302 302 405 405", post="302 302 302 302 302 302"
    ),
    "moderation_admin:stale_reassign": _row(
        get="302 302 302 302 405 405", post="302 302 302 302 302 302"
    ),
    "moderation_admin:stale_archive": _row(
        get="302 302 302 302 405 405", post="302 302 302 302 302 302"
    ),
    "moderation_admin:stale_report": _row(
        get="302 302 302 302 405 405", post="302 302 302 302 302 302"
    ),
    # Webhooks: superusers and webhooks.manage_endpoints only, which no role here has.
    "webhooks_admin:deliveries": _row(get="302 302 302 302 302 302"),
    "webhooks_admin:deliveries_results": _row(get="302 302 302 302 302 302"),
    "webhooks_admin:replay": _row(get="302 302 302 302 302 302", post="302 302 302 302 302 302"),
    "webhook_endpoints:add": _row(get="302 302 302 302 302 302", post="302 302 302 302 302 302"),
    "webhook_endpoints:edit": _row(get="302 302 302 302 302 302", post="302 302 302 302 302 302"),
    # The owner's survey: everyone else is refused, visitors are sent to log in.
    "insights:survey": _row(get="302 403 403 403 403 403", post="302 403 403 403 403 403"),
    "account_login": _row(get="200 302 302 302 302 302"),
    "account_signup": _row(get="200 302 302 302 302 302"),
    "account_email": _row(get="302 200 200 200 200 200"),
    "account_logout": _row(get="302 200 200 200 200 200"),
}


def _route_names():
    """(name, view module) of every route in the URLconf."""

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                name = pattern.name or "?"
                yield (f"{namespace}:{name}" if namespace else name), pattern.lookup_str

    return list(walk(get_resolver().url_patterns))


@pytest.fixture
def world(db, settings):
    """Someone else's thread, a pending thread, a flaggable post, a review item and an article."""
    owner = UserFactory(display_name="Owner")
    helper = UserFactory(display_name="Helper")
    moderator = UserFactory(role="Moderators", display_name="Mod")
    people = {
        "anonymous": None,
        "unverified": UserFactory(verified=False, display_name="Unverified"),
        "customer": UserFactory(display_name="Customer"),
        "suspended": UserFactory(display_name="Suspended"),
        "moderator": moderator,
        "staff": SupportStaffFactory(display_name="Staff"),
    }
    suspension = suspend_user(user=people["suspended"], actor=moderator, days=3, reason="Spam run")
    question = forum_services.create_question(
        actor=owner, title="Fibre drops every evening at eight", body=BODY, language="en"
    )
    answer = forum_services.create_answer(actor=helper, question=question, body=BODY)
    comment = forum_services.create_comment(actor=helper, question=question, body="Which router?")
    question.tags.add("fibre")
    pending = forum_services.create_question(
        actor=owner, title="Pending question waiting for review", body=BODY, language="en"
    )
    forum_services.set_post_status(post=pending, new_status="pending", actor=moderator)
    post = Post.objects.create(author=owner, title="Top up", body="Buy now", status="published")
    item = submit_for_review(target=post, reasons=[], actor=owner)
    category = make_category("en", "Contact us")
    article = make_article(category)
    ArticlePage.objects.filter(pk=article.pk).update(
        last_reviewed_at=timezone.now() - timedelta(days=400)
    )
    run_sweep()
    stale_item = StaleItem.objects.get()
    case = support_actions.escalate(actor=people["staff"], question=question)
    settings.DALIL_WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    endpoint, _secret = webhook_services.create_endpoint(
        actor=UserFactory(is_superuser=True),
        name="Helpdesk",
        url="http://127.0.0.1:9/hook",
        events=["*"],
    )
    (delivery,) = webhook_services.emit("security.check", {"n": 1})  # never committed, never sent
    arguments = {
        "": [],
        "person": [owner.pk],
        "page": [Page.objects.filter(depth=2).first().pk],
        "section": ["pages"],
        "answer": [answer.pk],
        "comment": [comment.pk],
        "kind_answer": ["answer", answer.pk],
        "kind_question": ["question", question.pk],
        "token": [unsubscribe_token(user_id=owner.pk, question_id=question.pk)],
        "email_off_token": [email_off_token(user_id=owner.pk, kind="new_answer")],
        "forum_category": [
            ForumCategory.objects.create(
                slug="internet", name_ar="الإنترنت", name_en="Internet"
            ).slug
        ],
        "question": [question.pk],
        "question_slug": [question.pk, question.slug],
        "pending_slug": [pending.pk, pending.slug],
        "flag": [ContentType.objects.get_for_model(Post).pk, post.pk],
        "item": [item.pk],
        "suspension": [suspension.pk],
        "article": [article.pk],
        "category": [category.pk],
        "tag": ["fibre"],
        "stale": [stale_item.pk],
        "case": [case.pk],
        "figure": ["thread_views"],
        "gap": ["no_results"],
        "endpoint": [endpoint.pk],
        "delivery": [delivery.pk],
        "notification": [
            Notification.objects.create(
                recipient=owner, kind=Notification.Kind.NEW_ANSWER, target_url="/en/"
            ).pk
        ],
        "article_url": article.url,
        "survey_token": [
            survey_token(
                Survey.objects.create(
                    kind="answer", question=question, asker=owner, language="en", answer=answer
                )
            )
        ],
    }
    return {"people": people, "arguments": arguments}


def url_for(name, arguments_key, world):
    arguments = world["arguments"][arguments_key]
    if isinstance(arguments, str):
        return arguments
    if arguments_key == "category":  # the category is English, so is its feed
        with translation.override("en"):
            return reverse(PSEUDO.get(name, name), args=arguments)
    return reverse(PSEUDO.get(name, name), args=arguments)


def status_of(client, world, role, method, url):
    client.logout()
    person = world["people"][role]
    if person is not None:
        client.force_login(person)
    response = client.get(url) if method == "GET" else client.post(url, {})
    return response.status_code


def test_every_route_has_a_row():
    """A view added without a decision about who may open it fails here."""
    missing = []
    for name, view in _route_names():
        root = view.split(".")[0]
        if view.startswith(OWN_PACKAGES):
            if name not in ROUTES:
                missing.append(f"{name} ({view})")
        elif root not in AREAS:
            missing.append(f"{name} ({view}): third-party package {root} has no AREAS entry")
    assert missing == []
    for names in AREAS.values():
        assert set(names) <= set(ROUTES)
    assert set(ROUTES) == set(SPEC)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(SPEC))
def test_each_role_gets_the_expected_status(world, client, name):
    arguments_key, methods = SPEC[name]
    url = url_for(name, arguments_key, world)
    observed, expected = {}, {}
    for method in methods:
        expected[method] = ROUTES[name][method]
        observed[method] = {role: status_of(client, world, role, method, url) for role in ROLES}
    assert observed == expected


@pytest.mark.django_db
def test_pending_and_deleted_posts_stay_hidden_from_customers_and_visitors(world, client):
    people = world["people"]
    pending_url = url_for("forum:pending_question_detail", "pending_slug", world)
    for role in ("anonymous", "unverified", "customer", "suspended"):
        assert status_of(client, world, role, "GET", pending_url) == 404
        listing = client.get(reverse("forum:question_list"), {"language": "all"})
        assert "Pending question waiting for review" not in listing.content.decode()
    client.force_login(people["moderator"])
    assert "Pending question waiting for review" in client.get(pending_url).content.decode()


@pytest.mark.django_db
def test_a_customer_cannot_edit_accept_or_delete_someone_elses_posts(world, client):
    client.force_login(world["people"]["customer"])
    answer_id = world["arguments"]["answer"][0]
    question_id = world["arguments"]["question"][0]
    assert client.get(reverse("forum:answer_edit", args=[answer_id])).status_code == 403
    assert client.get(reverse("forum:question_edit", args=[question_id])).status_code == 403
    assert client.post(reverse("forum:accept", args=[answer_id])).status_code == 403
    response = client.post(
        reverse("forum:change_status", args=["answer", answer_id]), {"action": "delete"}
    )
    assert response.status_code == 403
    from forum.models import Answer, Question

    assert Answer.objects.get(pk=answer_id).status == "published"
    assert Question.objects.get(pk=question_id).accepted_answer_id is None


@pytest.mark.django_db
def test_a_suspended_customer_cannot_flag(world, client):
    suspended = make_trusted(world["people"]["suspended"])
    client.force_login(suspended)
    url = reverse("moderation:flag", args=world["arguments"]["flag"])
    assert client.post(url, {"reason": "spam"}).status_code == 403


@pytest.mark.django_db
def test_a_suspended_customer_cannot_answer(world, client):
    client.force_login(world["people"]["suspended"])
    url = reverse("forum:answer_create", args=world["arguments"]["question"])
    assert client.post(url, {"body": BODY}).status_code == 403

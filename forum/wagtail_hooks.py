"""How the forum plugs into the site frame: links, home and profile sections, demo, admin."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .models import Category
from .selectors import followed_by, home_questions, profile_activity

register_snippet(Category)

LOG_ACTIONS = [
    ("edit", _("Edit someone else's post"), _("Edited someone else's post")),
    ("comment_edit", _("Edit comment"), _("Edited a comment (the earlier text is kept)")),
    ("status", _("Change post status"), _("Changed the post's status")),
    ("accept", _("Accept answer"), _("Accepted an answer for the asker")),
    ("unaccept", _("Remove accepted answer"), _("Removed the accepted answer")),
    ("official", _("Mark official answer"), _("Marked the support team's official answer")),
    ("unofficial", _("Remove official answer"), _("Removed the official answer")),
    ("close", _("Close question"), _("Closed the question")),
    ("reopen", _("Reopen question"), _("Reopened the question")),
    ("lock", _("Lock thread"), _("Locked the thread")),
    ("unlock", _("Unlock thread"), _("Unlocked the thread")),
    ("duplicate", _("Mark duplicate"), _("Marked the question as a duplicate")),
    ("anonymise", _("Anonymise posts"), _("Signed a leaving member's posts “Deleted user”")),
]


@hooks.register("register_log_actions")
def register_forum_log_actions(actions):
    for name, label, message in LOG_ACTIONS:
        actions.register_action(f"dalil.forum.{name}", label, message)


@hooks.register("dalil_site_links")
def forum_links(request):
    return {"ask_url": reverse("forum:ask"), "questions_url": reverse("forum:question_list")}


@hooks.register("dalil_home_sections")
def recent_questions(request, locale):
    section = home_questions(language=locale.language_code)
    return {"template": "forum/_home_questions.html", **section}


@hooks.register("dalil_profile_sections")
def community_activity(person, viewer):
    return {"template": "forum/_profile_activity.html", **profile_activity(person=person)}


@hooks.register("dalil_profile_sections")
def what_you_follow(person, viewer):
    """The person's own follows (tags, categories, threads), shown to them alone."""
    if getattr(viewer, "pk", None) != person.pk:
        return None
    return {"template": "forum/_profile_following.html", **followed_by(person=person)}


@hooks.register("dalil_seed_demo", order=20)
def seed_forum(command):
    from .demo import seed_forum_demo

    seed_forum_demo(command)


@hooks.register("dalil_search_providers")
def thread_search_provider():
    from .search import ThreadSearchProvider

    return ThreadSearchProvider()

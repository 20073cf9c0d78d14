"""How the forum plugs into the site frame: links, home and profile sections, demo, admin."""

from django.urls import reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .models import Category
from .selectors import home_questions, profile_activity

register_snippet(Category)


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


@hooks.register("dalil_seed_demo", order=20)
def seed_forum(command):
    from .demo import seed_forum_demo

    seed_forum_demo(command)

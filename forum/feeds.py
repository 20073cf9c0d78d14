"""RSS and Atom feeds of the newest published questions, site-wide and per tag, per language."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from taggit.models import Tag

from .models import Question

FEED_SIZE = 30


def plain_title(text: str) -> str:
    """A title as plain text: some feed readers render an item's title as HTML, so markup a
    person typed into a title is taken out (the page itself shows it escaped, as text)."""
    return " ".join(strip_tags(text).split())


class LatestQuestionsFeed(Feed):
    """The newest published questions written in the active language; with a tag, that tag's."""

    def get_object(self, request, tag_slug: str | None = None):
        return get_object_or_404(Tag, slug=tag_slug) if tag_slug else None

    def title(self, tag):
        if tag:
            return _("Questions tagged %(tag)s") % {"tag": tag.name}
        return _("Dalil community — new questions")

    def description(self, tag):
        return _("The newest questions asked in the Dalil community.")

    def link(self, tag):
        url = reverse("forum:question_list")
        return f"{url}?tag={tag.slug}" if tag else url

    def items(self, tag):
        questions = (
            Question.objects.published()
            .filter(language=translation.get_language())
            .select_related("author")
        )
        if tag:
            questions = questions.filter(tags__slug=tag.slug)
        return questions.order_by("-created_at")[:FEED_SIZE]

    def item_title(self, question):
        return plain_title(question.title) or _("Question %(number)d") % {"number": question.pk}

    def item_description(self, question):
        # Readers treat an item's description (Atom: summary type="html") as HTML; the body is
        # markdown source, so it goes out escaped, as text.
        return escape(Truncator(question.body).chars(400))

    def item_link(self, question):
        return question.get_absolute_url()

    def item_author_name(self, question):
        return question.author.public_name if question.author else ""

    def item_pubdate(self, question):
        return question.created_at

    def item_updateddate(self, question):
        return question.last_activity_at


class LatestQuestionsAtomFeed(LatestQuestionsFeed):
    feed_type = Atom1Feed
    subtitle = LatestQuestionsFeed.description

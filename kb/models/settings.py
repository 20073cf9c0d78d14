"""Knowledge-base defaults that staff change in the admin, not in code."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from ..conf import setting


def default_review_every() -> int:
    """How often (in days) a new article should be reviewed, from DALIL_KB_REVIEW_EVERY_DAYS."""
    return setting("DALIL_KB_REVIEW_EVERY_DAYS")


@register_setting(icon="help")
class KnowledgeBaseSettings(BaseSiteSetting):
    """Defaults for new articles of one site; the deploy setting is only the starting value."""

    review_every_days = models.PositiveSmallIntegerField(
        _("review new articles every (days)"),
        default=default_review_every,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_("The review interval a new article starts with; each article can change it."),
    )

    class Meta:
        verbose_name = _("knowledge base settings")

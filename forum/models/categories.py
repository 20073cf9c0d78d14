"""The categories questions are filed under, named in both languages."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    """A product or topic questions are filed under: a short list staff manage, in both
    languages."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_ar = models.CharField(_("name in Arabic"), max_length=80)
    name_en = models.CharField(_("name in English"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language."""
        return self.name_ar if (get_language() or "").startswith("ar") else self.name_en


def category_names() -> dict[str, str]:
    """Each category's name in the active language by slug, for moderation's queue (which
    stores the slug ``forum.moderation`` gives as a question's category). One query."""
    return {category.slug: category.name for category in Category.objects.all()}

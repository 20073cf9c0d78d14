"""What an article applies to: a product of the company, at a version."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Product(index.Indexed, models.Model):
    """A product (and version) that articles apply to.

    Staff mark a product `retired` when the company stops supporting it; articles pointing at a
    retired product are then candidates for review (read by the stale-content work).
    """

    name_ar = models.CharField(_("name in Arabic"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)
    version = models.CharField(_("version"), max_length=40, blank=True)
    retired = models.BooleanField(
        _("retired"), default=False, help_text=_("No longer sold or supported.")
    )

    panels = [
        FieldPanel("name_ar"),
        FieldPanel("name_en"),
        FieldPanel("version"),
        FieldPanel("retired"),
    ]
    search_fields = [index.SearchField("name_ar"), index.SearchField("name_en")]

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["name_en", "version"]
        constraints = [
            models.UniqueConstraint(fields=["name_en", "version"], name="kb_product_unique_version")
        ]

    def __str__(self):
        return f"{self.name} {self.version}".strip()

    @property
    def name(self) -> str:
        """The name in the active language."""
        return self.name_ar if translation.get_language() == "ar" else self.name_en

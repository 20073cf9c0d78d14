"""The admin form of article pages."""

from wagtail.admin.forms import WagtailAdminPageForm

from .models.settings import KnowledgeBaseSettings


class ArticlePageForm(WagtailAdminPageForm):
    """Starts a new article with the site's review interval (Settings → Knowledge base)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and not self.is_bound and self.parent_page is not None:
            site = self.parent_page.get_site()
            if site is not None:
                interval = KnowledgeBaseSettings.for_site(site).review_every_days
                self.initial["review_every"] = interval

"""The admin forms of knowledge-base pages."""

from django.db import models
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from . import rules
from .models.settings import KnowledgeBaseSettings
from .models.workflow import ReviewByAnotherStaffTask

# Saved with every edit, but what the page says is the same: how its editor is notified about
# comments, and the comments themselves (reviewers comment; that is reviewing, not writing).
NOT_CONTENT = frozenset({"comment_notifications", "comments"})


# The fields that hold what a reader reads; the slug and the settings stay left-to-right.
WRITTEN_FIELDS = ("title", "seo_title", "search_description", "summary", "description", "intro")


class PageLanguageForm(WagtailAdminPageForm):
    """Writes the page's language on its text inputs (dir and lang), whatever the language of
    the admin: an Arabic page, a new translation included, is typed right to left.

    kb/static/kb/page_language.js copies the title's direction onto the body's blocks, which
    the StreamField draws in the browser.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.locale_id:
            return
        language = self.instance.locale.language_code
        direction = "rtl" if get_language_info(language)["bidi"] else "ltr"
        for name in WRITTEN_FIELDS:
            if name in self.fields:
                self.fields[name].widget.attrs.update(dir=direction, lang=language)


class ArticlePageForm(PageLanguageForm):
    """Starts a new article with the site's review interval (Settings → Knowledge base), and
    refuses "Approve" from the editor by a reviewer who also changed the article (four eyes).

    Refusing here, while the form validates, keeps the reviewer's typing on screen, saves
    nothing more and says why (the editor may already have saved their typing as they went);
    the workflow task refuses the approval again if it ever gets that far.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A callable default makes Django compare with a hidden "initial-" input, which the
        # editor's panels do not render: the field then always looked changed.
        self.fields["review_every"].show_hidden_initial = False
        if self.instance.pk is None and not self.is_bound and self.parent_page is not None:
            site = self.parent_page.get_site()
            if site is not None:
                interval = KnowledgeBaseSettings.for_site(site).review_every_days
                self.initial["review_every"] = interval

    def clean(self):
        cleaned_data = super().clean()
        task_state = self._review_approved_from_the_editor()
        if task_state is not None and (
            self.for_user.pk in rules.editors_under_review(task_state)
            or self._changes_what_the_article_says()
        ):
            self.add_error(
                None,
                _(
                    "You changed this article, so you cannot also approve it: another staff "
                    "member must review your changes. To approve the article as it was "
                    "submitted, undo your changes first."
                ),
            )
        return cleaned_data

    def has_changed(self):
        """Whether what the article says changed (or comments did), not how the form echoes it.

        Wagtail saves a revision on "Approve" in the editor only when the form has changed; the
        rich text and list items the editor writes back differ from the stored ones in form only.
        """
        if not hasattr(self, "cleaned_data") or self.instance.pk is None:
            return super().has_changed()
        comments = self.formsets.get("comments")
        if "comment_notifications" in self.changed_data or (comments and comments.has_changed()):
            return True
        return self._changes_what_the_article_says()

    def _review_approved_from_the_editor(self):
        """The four-eyes review this post approves ("Approve" in the editor), or None."""
        if not (
            self.data.get("action-workflow-action")
            and self.data.get("workflow-action-name") == "approve"
            and self.instance.pk is not None
            and self.for_user is not None
        ):
            return None
        task_state = self.instance.current_workflow_task_state
        if task_state is None or not isinstance(task_state.task.specific, ReviewByAnotherStaffTask):
            return None
        return task_state

    def _changes_what_the_article_says(self) -> bool:
        """Compared with the revision under review by value, the way ``kb.rules`` compares
        revisions: Django's ``changed_data`` calls a related article of a draft "changed" on
        every post (the draft's rows have no id yet), and rich text differs only in form."""
        if set(self.changed_data) - NOT_CONTENT - {"body"}:
            return True
        for name, formset in self.formsets.items():
            if name not in NOT_CONTENT and _posted_rows(formset) != _stored_rows(
                formset, getattr(self.instance, name).all()
            ):
                return True
        if "body" not in self.cleaned_data:
            return False
        posted = rules.stream_content(self.cleaned_data["body"].get_prep_value())
        return posted != rules.stream_content(self.instance.body.get_prep_value())


_FORMSET_BOOKKEEPING = frozenset({"id", "ORDER", "DELETE"})


def _value(value):
    return value.pk if isinstance(value, models.Model) else value


def _row_fields(formset) -> list[str]:
    parent = getattr(getattr(formset, "fk", None), "name", None)
    return [
        name for name in formset.form.base_fields if name not in _FORMSET_BOOKKEEPING | {parent}
    ]


def _posted_rows(formset) -> list[dict] | None:
    """The rows an inline formset would keep, in their order, as plain values (None when the
    formset is invalid: the page form is then refused anyway)."""
    if not formset.is_valid():  # the page form validates its formsets only after itself
        return None
    fields = _row_fields(formset)
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        rows.append((data.get("ORDER") or 0, {name: _value(data.get(name)) for name in fields}))
    return [row for _, row in sorted(rows, key=lambda entry: entry[0])]


def _stored_rows(formset, children) -> list[dict]:
    fields = _row_fields(formset)
    return [{name: _value(getattr(child, name, None)) for name in fields} for child in children]

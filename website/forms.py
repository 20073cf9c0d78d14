"""Forms for accounts: the extra sign-up field and the profile editor."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from moderation.names import check_display_name
from moderation.text import clean_visible_text


def clean_display_name(value: str, *, user=None) -> str:
    """Visible text that cannot pass for staff (moderation's name rules), as a form error."""
    return check_display_name(clean_visible_text(value, min_length=2), user=user)


class SignupExtraForm(forms.Form):
    """Added to allauth's sign-up form: the name shown on posts instead of the email address."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        help_text=_("Shown on your questions and answers. You can change it later."),
    )

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data["display_name"])

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        user.preferred_language = get_language() or ""
        user.save(update_fields=["display_name", "preferred_language"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["display_name", "bio", "preferred_language"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4, "maxlength": 500})}

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data["display_name"], user=self.instance)

    def clean_bio(self):
        bio = self.cleaned_data["bio"]
        return clean_visible_text(bio, min_length=0) if bio else ""

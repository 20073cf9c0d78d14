"""The endpoint form of the admin: events are chosen from the registry (or "every event")."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .events import ALL_EVENTS, registered_events


class EndpointForm(WagtailAdminModelForm):
    events = forms.MultipleChoiceField(
        label=_("Events"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The events sent to this endpoint."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(ALL_EVENTS, _("Every event, including those added later"))]
        choices += [
            (event.name, f"{event.name}: {event.description}") for event in registered_events()
        ]
        self.fields["events"].choices = choices

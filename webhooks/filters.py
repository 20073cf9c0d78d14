"""The delivery log's filters: endpoint, event and state."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from .events import registered_events
from .models import Delivery, Endpoint


def _event_choices():
    return [(event.name, event.name) for event in registered_events()]


class DeliveryFilterSet(WagtailFilterSet):
    endpoint = django_filters.ModelChoiceFilter(
        label=_("Endpoint"), queryset=Endpoint.objects.all(), empty_label=_("Any")
    )
    event = django_filters.ChoiceFilter(
        label=_("Event"), choices=_event_choices, empty_label=_("Any")
    )
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=Delivery.State.choices, empty_label=_("Any")
    )

    class Meta:
        model = Delivery
        fields = ["endpoint", "event", "state"]

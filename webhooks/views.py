"""The admin's webhook pages: endpoint create and edit through the services, the delivery log
and its Replay button."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required
from wagtail.admin.views import generic
from wagtail.admin.views.reports import ReportView

from . import services
from .filters import DeliveryFilterSet
from .models import Delivery
from .rules import MANAGE_ENDPOINTS

PAGE_SIZE = 50


def _fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in services.ENDPOINT_FIELDS}


class EndpointCreateView(generic.CreateView):
    """Creating shows the new secret once, on the page that answers the form."""

    def form_valid(self, form):
        self.form = form
        try:
            self.object, secret = services.create_endpoint(actor=self.request.user, **_fields(form))
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        response = TemplateResponse(
            self.request,
            "webhooks/secret_created.html",
            {
                "endpoint": self.object,
                "secret": secret,
                "index_url": self.get_success_url(),
                "page_title": _("Endpoint created"),
                "header_icon": "link",
            },
        )
        add_never_cache_headers(response)  # the page that shows the secret is never kept
        return response


class EndpointEditView(generic.EditView):
    def form_valid(self, form):
        self.form = form
        try:
            self.object = services.update_endpoint(
                actor=self.request.user, endpoint=self.object, **_fields(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return self.save_action()


@method_decorator(permission_required(MANAGE_ENDPOINTS), name="dispatch")
class DeliveryLogView(ReportView):
    """Every delivery, newest first, with its attempts and the receiver's last answer."""

    page_title = gettext_lazy("Webhook deliveries")
    header_icon = "link"
    results_template_name = "webhooks/delivery_results.html"
    index_url_name = "webhooks_admin:deliveries"
    index_results_url_name = "webhooks_admin:deliveries_results"
    filterset_class = DeliveryFilterSet
    paginate_by = PAGE_SIZE
    list_export = [
        "created_at",
        "endpoint.name",
        "event",
        "uuid",
        "event_id",
        "state",
        "attempts",
        "response_code",
        "error",
        "finished_at",
    ]
    export_headings = {
        "created_at": gettext_lazy("Created"),
        "endpoint.name": gettext_lazy("Endpoint"),
        "event": gettext_lazy("Event"),
        "uuid": gettext_lazy("Delivery id"),
        "event_id": gettext_lazy("Event id"),
        "state": gettext_lazy("State"),
        "attempts": gettext_lazy("Attempts"),
        "response_code": gettext_lazy("Last response code"),
        "error": gettext_lazy("Error"),
        "finished_at": gettext_lazy("Finished"),
    }

    def get_queryset(self):
        return Delivery.objects.select_related("endpoint")


@permission_required(MANAGE_ENDPOINTS)
@require_POST
def replay(request, delivery_id: int):
    """Send a delivery's payload again, as a new delivery."""
    delivery = get_object_or_404(Delivery.objects.select_related("endpoint"), pk=delivery_id)
    try:
        services.replay_delivery(actor=request.user, delivery=delivery)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Delivery replayed to %(endpoint)s.") % {"endpoint": delivery.endpoint}
        )
    return redirect("webhooks_admin:deliveries")

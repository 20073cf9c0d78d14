from django.urls import path

from . import views

app_name = "webhooks_admin"

urlpatterns = [
    path("deliveries/", views.DeliveryLogView.as_view(), name="deliveries"),
    path(
        "deliveries/results/",
        views.DeliveryLogView.as_view(results_only=True),
        name="deliveries_results",
    ),
    path("deliveries/<int:delivery_id>/replay/", views.replay, name="replay"),
]

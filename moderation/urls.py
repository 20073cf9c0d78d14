"""Public moderation URLs, under the language prefix (namespace ``moderation``)."""

from django.urls import path

from . import views

app_name = "moderation"

urlpatterns = [
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.mark_read, name="mark_read"),
    path("notifications/email/", views.email_preferences, name="email_preferences"),
    path("notifications/email/off/<str:token>/", views.email_off, name="email_off"),
    path("notifications/<int:pk>/", views.open_notification, name="open_notification"),
    path("notifications/<int:pk>/read/", views.mark_one_read, name="mark_one_read"),
    path("flag/<int:content_type_id>/<int:object_id>/", views.flag, name="flag"),
]

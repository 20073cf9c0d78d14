from django.urls import path

from . import views

app_name = "support"

urlpatterns = [
    path("escalate/<int:pk>/", views.escalate, name="escalate"),
    path("cases/<int:pk>/notes/", views.add_note, name="add_note"),
    path("cases/<int:pk>/reopen/", views.reopen, name="reopen"),
]

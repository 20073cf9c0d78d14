from django.urls import path

from . import views

app_name = "kb"

urlpatterns = [
    path("kb-feedback/<int:page_id>/", views.feedback, name="feedback"),
]

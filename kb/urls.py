from django.urls import path

from . import promotion_views, views

app_name = "kb"

urlpatterns = [
    path("kb-feedback/<int:page_id>/", views.feedback, name="feedback"),
    path("kb-promote/<int:answer_id>/", promotion_views.promote, name="promote"),
    path("kb-nominate/<int:answer_id>/", promotion_views.nominate, name="nominate"),
]

from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("survey/<str:token>/", views.survey_page, name="survey"),
]

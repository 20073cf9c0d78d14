from django.urls import path

from . import views

app_name = "forum"

urlpatterns = [
    path("", views.question_list, name="question_list"),
    path("ask/", views.ask, name="ask"),
    path("preview/", views.preview, name="preview"),
    path("answers/<int:pk>/edit/", views.answer_edit, name="answer_edit"),
    path("answers/<int:pk>/accept/", views.accept, name="accept"),
    path("answers/<int:pk>/official/", views.official, name="official"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("vote/<str:kind>/<int:pk>/", views.vote, name="vote"),
    path("status/<str:kind>/<int:pk>/", views.change_status, name="change_status"),
    path("revisions/<str:kind>/<int:pk>/", views.revisions, name="revisions"),
    path("follow/tag/", views.follow_tag, name="follow_tag"),
    path("follow/category/<str:slug>/", views.follow_category, name="follow_category"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<int:pk>/", views.question_shortlink, name="question_shortlink"),
    path("<int:pk>/-/answer/", views.answer_create, name="answer_create"),
    path("<int:pk>/-/comment/", views.comment_create, name="comment_create"),
    path("<int:pk>/-/edit/", views.question_edit, name="question_edit"),
    path("<int:pk>/-/follow/", views.follow, name="follow"),
    path("<int:pk>/-/moderate/", views.moderate, name="moderate"),
    path("<int:pk>/<str:slug>/", views.question_detail, name="question_detail"),
]

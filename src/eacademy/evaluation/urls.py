from django.urls import path

from eacademy.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.index, name="index"),
    path("follow-ups/", views.follow_up_list, name="follow_up_list"),
    path("follow-ups/<id:pk>/answer/", views.follow_up_mine, name="follow_up_mine"),
    path("surveys/", views.my_surveys, name="my_surveys"),
    path("surveys/<id:pk>/", views.survey, name="survey"),
    path("surveys/<id:pk>/results/", views.survey_results, name="survey_results"),
    path("surveys/manage/", views.survey_list, name="survey_list"),
    path("surveys/new/", views.survey_new, name="survey_new"),
    path("surveys/<id:pk>/edit/", views.survey_edit, name="survey_edit"),
    path("surveys/<id:pk>/invite/", views.survey_invite, name="survey_invite"),
    path("questions/<id:pk>/remove/", views.question_remove, name="question_remove"),
    path("level-four/", views.level_four, name="level_four"),
]

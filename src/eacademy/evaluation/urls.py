from django.urls import path

from eacademy.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("follow-ups/", views.follow_up_list, name="follow_up_list"),
    path("surveys/", views.my_surveys, name="my_surveys"),
    path("surveys/<int:pk>/", views.survey, name="survey"),
    path("surveys/<int:pk>/results/", views.survey_results, name="survey_results"),
]

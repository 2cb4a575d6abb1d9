from django.urls import path

from eacademy.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("follow-ups/", views.follow_up_list, name="follow_up_list"),
]

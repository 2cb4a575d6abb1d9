from django.urls import path

from eacademy.analytics import views

app_name = "analytics"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("effectiveness/", views.effectiveness, name="effectiveness"),
    path("trained/", views.trained, name="trained"),
]

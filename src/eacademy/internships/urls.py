from django.urls import path

from eacademy.internships import views

app_name = "internships"
urlpatterns = [
    path("", views.placement_list, name="list"),
    path("<id:pk>/", views.placement_detail, name="detail"),
]

from django.urls import path

from eacademy.org import views

app_name = "org"
urlpatterns = [
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/<id:pk>/", views.agency_detail, name="agency_detail"),
    path("academy/", views.academy_structure, name="academy_structure"),
]

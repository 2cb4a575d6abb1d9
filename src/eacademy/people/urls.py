from django.urls import path

from eacademy.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("new/", views.person_create, name="person_create"),
    path("<id:pk>/", views.person_detail, name="person_detail"),
    path("<id:pk>/edit/", views.person_update, name="person_update"),
    path("<id:pk>/history/", views.person_history, name="person_history"),
]

from django.urls import path

from eacademy.staff import views

app_name = "staff"
urlpatterns = [
    path("", views.staff_index, name="list"),
    path("<id:pk>/", views.staff_detail, name="detail"),
    path("hub/", views.hub_pool, name="hub"),
]

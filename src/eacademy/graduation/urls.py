from django.urls import path

from eacademy.graduation import views

app_name = "graduation"
urlpatterns = [
    path("offerings/<id:pk>/", views.offering, name="offering"),
    path("offerings/<id:pk>/graduate/", views.graduate, name="graduate"),
]

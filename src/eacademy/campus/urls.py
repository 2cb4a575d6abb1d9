from django.urls import path

from eacademy.campus import views

app_name = "campus"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("courses/<id:pk>/", views.allocation, name="allocation"),
    path("courses/<id:pk>/propose/", views.allocation_propose, name="allocation_propose"),
    path("courses/<id:pk>/confirm/", views.allocation_confirm, name="allocation_confirm"),
    path("stays/<id:pk>/check/", views.stay_check, name="stay_check"),
    path("stays/<id:pk>/move/", views.stay_move, name="stay_move"),
    path("leave/", views.leave, name="leave"),
    path("leave/<id:pk>/decide/", views.leave_decide, name="leave_decide"),
    path("leave/<id:pk>/return/", views.leave_return, name="leave_return"),
    path("leave/<id:pk>/permission.pdf", views.permission_pdf, name="permission"),
    path("people/<id:pk>/conduct/", views.conduct, name="conduct"),
]

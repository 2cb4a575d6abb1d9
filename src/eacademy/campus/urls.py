from django.urls import path

from eacademy.campus import views

app_name = "campus"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("courses/<int:pk>/", views.allocation, name="allocation"),
    path("courses/<int:pk>/propose/", views.allocation_propose, name="allocation_propose"),
    path("courses/<int:pk>/confirm/", views.allocation_confirm, name="allocation_confirm"),
    path("stays/<int:pk>/check/", views.stay_check, name="stay_check"),
    path("stays/<int:pk>/move/", views.stay_move, name="stay_move"),
    path("leave/", views.leave, name="leave"),
    path("leave/<int:pk>/decide/", views.leave_decide, name="leave_decide"),
    path("leave/<int:pk>/return/", views.leave_return, name="leave_return"),
    path("leave/<int:pk>/permission.pdf", views.permission_pdf, name="permission"),
    path("people/<int:pk>/conduct/", views.conduct, name="conduct"),
]

from django.urls import path

from eacademy.distance import views

app_name = "distance"
urlpatterns = [
    path("lessons/", views.lessons, name="lessons"),
    path("lessons/<id:pk>/", views.lesson, name="lesson"),
    path("lessons/<id:pk>/online/", views.meeting_set, name="meeting_set"),
    path("lessons/<id:pk>/join/", views.join, name="join"),
    path("lessons/<id:pk>/attendance/", views.attendance_now, name="attendance_now"),
    path("lessons/<id:pk>/recordings/", views.recordings_fetch, name="recordings"),
    path("bbb/analytics/", views.bbb_analytics, name="bbb_analytics"),
]

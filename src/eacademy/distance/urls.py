from django.urls import path

from eacademy.distance import views

app_name = "distance"
urlpatterns = [
    path("", views.index, name="index"),
    path("courses/<id:pk>/", views.course, name="course"),
    path("courses/<id:pk>/sections/", views.section_add, name="section_add"),
    path("sections/<id:pk>/materials/", views.material_add, name="material_add"),
    path("materials/<id:pk>/", views.material, name="material"),
    path("materials/<id:pk>/file", views.material_file, name="material_file"),
    path("lessons/", views.lessons, name="lessons"),
    path("lessons/<id:pk>/", views.lesson, name="lesson"),
    path("lessons/<id:pk>/online/", views.meeting_set, name="meeting_set"),
    path("lessons/<id:pk>/join/", views.join, name="join"),
    path("lessons/<id:pk>/attendance/", views.attendance_now, name="attendance_now"),
    path("lessons/<id:pk>/recordings/", views.recordings_fetch, name="recordings"),
    path("bbb/analytics/", views.bbb_analytics, name="bbb_analytics"),
]

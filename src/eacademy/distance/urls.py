from django.urls import path

from eacademy.distance import assignment_views, views

app_name = "distance"
urlpatterns = [
    path("", views.index, name="index"),
    path("courses/<id:pk>/", views.course, name="course"),
    path("courses/<id:pk>/sections/", views.section_add, name="section_add"),
    path("sections/<id:pk>/materials/", views.material_add, name="material_add"),
    path("materials/<id:pk>/", views.material, name="material"),
    path("materials/<id:pk>/file", views.material_file, name="material_file"),
    path("courses/<id:pk>/assignments/new/", assignment_views.assignment_add, name="assignment_add"),
    path("assignments/<id:pk>/", assignment_views.assignment, name="assignment"),
    path("assignments/<id:pk>/submit/", assignment_views.submit, name="submit"),
    path("assignments/<id:pk>/reattempt/", assignment_views.reattempt, name="reattempt"),
    path("assignments/<id:pk>/extensions/", assignment_views.extension_grant, name="extension_grant"),
    path("assignments/<id:pk>/release/", assignment_views.release, name="release"),
    path("submissions/<id:pk>/mark/", assignment_views.mark, name="mark"),
    path("submissions/<id:pk>/feedback", assignment_views.feedback_file, name="feedback_file"),
    path("submitted-files/<id:pk>", assignment_views.submission_file, name="submission_file"),
    path("lessons/", views.lessons, name="lessons"),
    path("lessons/<id:pk>/", views.lesson, name="lesson"),
    path("lessons/<id:pk>/online/", views.meeting_set, name="meeting_set"),
    path("lessons/<id:pk>/join/", views.join, name="join"),
    path("lessons/<id:pk>/attendance/", views.attendance_now, name="attendance_now"),
    path("lessons/<id:pk>/recordings/", views.recordings_fetch, name="recordings"),
    path("bbb/analytics/", views.bbb_analytics, name="bbb_analytics"),
]

from django.urls import path

from eacademy.distance import assignment_views, forum_views, package_views, views

app_name = "distance"
urlpatterns = [
    path("", views.index, name="index"),
    path("courses/<id:pk>/", views.course, name="course"),
    path("courses/<id:pk>/sections/", views.section_add, name="section_add"),
    path("courses/<id:pk>/completion/", views.completion_rule_set, name="completion_rule_set"),
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
    path("courses/<id:pk>/forum/", forum_views.forum_page, name="forum"),
    path("threads/<id:pk>/", forum_views.thread, name="thread"),
    path("threads/<id:pk>/reply/", forum_views.reply, name="reply"),
    path("threads/<id:pk>/lock/", forum_views.lock, name="lock"),
    path("sections/<id:pk>/packages/", package_views.package_add, name="package_add"),
    path("packages/<id:pk>/", package_views.package, name="package"),
    path("packages/<id:pk>/content/<path:path>", package_views.package_content, name="package_content"),
    path("packages/<id:pk>/commit/<str:token>/", package_views.package_commit, name="package_commit"),
    path("lessons/", views.lessons, name="lessons"),
    path("lessons/<id:pk>/", views.lesson, name="lesson"),
    path("lessons/<id:pk>/online/", views.meeting_set, name="meeting_set"),
    path("lessons/<id:pk>/join/", views.join, name="join"),
    path("lessons/<id:pk>/attendance/", views.attendance_now, name="attendance_now"),
    path("lessons/<id:pk>/recordings/", views.recordings_fetch, name="recordings"),
    path("bbb/analytics/", views.bbb_analytics, name="bbb_analytics"),
]

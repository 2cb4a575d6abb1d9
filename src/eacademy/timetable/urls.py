from django.urls import path

from eacademy.timetable import views

app_name = "timetable"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("runs/<id:pk>/", views.run, name="run"),
    path("week/", views.week_view, name="week"),
    path("my/", views.my_timetable, name="my"),
    path("my/calendar/renew/", views.feed_renew, name="feed_renew"),
    path("lessons/<id:pk>/move/", views.lesson_move, name="lesson_move"),
    path("changes/", views.changes, name="changes"),
    path("load/", views.load_view, name="load"),
    path("teachings/<id:pk>/lecturer/", views.teaching_lecturer, name="teaching_lecturer"),
]

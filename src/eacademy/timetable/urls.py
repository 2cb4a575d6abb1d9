from django.urls import path

from eacademy.timetable import views

app_name = "timetable"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("runs/<int:pk>/", views.run, name="run"),
    path("week/", views.week_view, name="week"),
    path("my/", views.my_timetable, name="my"),
    path("lessons/<int:pk>/move/", views.lesson_move, name="lesson_move"),
    path("changes/", views.changes, name="changes"),
    path("load/", views.load_view, name="load"),
    path("teachings/<int:pk>/lecturer/", views.teaching_lecturer, name="teaching_lecturer"),
]

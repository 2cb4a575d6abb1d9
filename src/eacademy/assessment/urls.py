from django.urls import path

from eacademy.assessment import views

app_name = "assessment"
urlpatterns = [
    path("", views.index, name="index"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/candidates/", views.candidates_add, name="candidates_add"),
    path("sessions/<int:pk>/experts/", views.experts_add, name="experts_add"),
    path("sessions/<int:pk>/conflicts/", views.conflict_declare, name="conflict_declare"),
    path("sessions/<int:pk>/assign/", views.assign, name="assign"),
    path("sessions/<int:pk>/finalise/", views.finalise, name="finalise"),
    path("sessions/<int:pk>/reveal/", views.reveal, name="reveal"),
    path("sessions/<int:pk>/discrepancies/", views.discrepancies, name="discrepancies"),
    path("sessions/<int:pk>/reliability/", views.reliability, name="reliability"),
    path("sessions/<int:pk>/results/", views.results, name="results"),
    path("experts/<int:pk>/drop/", views.expert_drop, name="expert_drop"),
    path("candidates/<int:pk>/", views.profile, name="profile"),
    path("assignments/<int:pk>/", views.rate, name="rate"),
]

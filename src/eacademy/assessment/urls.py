from django.urls import path

from eacademy.assessment import views

app_name = "assessment"
urlpatterns = [
    path("", views.index, name="index"),
    path("sessions/<id:pk>/", views.session_detail, name="session"),
    path("sessions/<id:pk>/candidates/", views.candidates_add, name="candidates_add"),
    path("sessions/<id:pk>/experts/", views.experts_add, name="experts_add"),
    path("sessions/<id:pk>/conflicts/", views.conflict_declare, name="conflict_declare"),
    path("sessions/<id:pk>/assign/", views.assign, name="assign"),
    path("sessions/<id:pk>/finalise/", views.finalise, name="finalise"),
    path("sessions/<id:pk>/reveal/", views.reveal, name="reveal"),
    path("sessions/<id:pk>/discrepancies/", views.discrepancies, name="discrepancies"),
    path("sessions/<id:pk>/reliability/", views.reliability, name="reliability"),
    path("sessions/<id:pk>/results/", views.results, name="results"),
    path("experts/<id:pk>/drop/", views.expert_drop, name="expert_drop"),
    path("candidates/<id:pk>/", views.profile, name="profile"),
    path("assignments/<id:pk>/", views.rate, name="rate"),
]

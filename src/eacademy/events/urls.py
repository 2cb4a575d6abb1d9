from django.urls import path

from eacademy.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("statistics/", views.statistics, name="statistics"),
    path("partners/", views.partners, name="partners"),
    path("experts/", views.experts, name="experts"),
    path("experts/<id:pk>/", views.expert, name="expert"),
    path("<id:pk>/", views.event_detail, name="detail"),
    path("<id:pk>/open/", views.event_open, name="open"),
    path("<id:pk>/certificates/", views.certificates_issue, name="certificates"),
    path("<id:pk>/participants.xlsx", views.participants_export, name="participants_export"),
    path("<id:pk>/participants/upload/", views.participants_upload, name="participants_upload"),
    path("<id:pk>/badges.pdf", views.badges, name="badges"),
    path("<id:pk>/calendar.ics", views.calendar, name="calendar"),
    path("<id:pk>/programme.pdf", views.programme_pdf, name="programme"),
    path("participants/<id:pk>/", views.participant_detail, name="participant"),
    path("participants/<id:pk>/decide/", views.participant_decide, name="decide"),
    path("participants/<id:pk>/visa-letter.pdf", views.visa_letter, name="visa_letter"),
    path("participants/<id:pk>/badge/", views.badge, name="badge"),
    path("participants/<id:pk>/certificate.pdf", views.certificate, name="certificate"),
    path("check-in/<str:code>/", views.check_in, name="check_in"),
    path("register/<str:token>/", views.register, name="register"),
    path("verify/<str:code>/", views.verify, name="verify"),
]

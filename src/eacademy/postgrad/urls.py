from django.urls import path

from eacademy.postgrad import views

app_name = "postgrad"
urlpatterns = [
    path("", views.index, name="index"),
    path("my/", views.my_studies, name="my"),
    path("students/<id:pk>/", views.student, name="student"),
    path("students/<id:pk>/plan/choose/", views.plan_choose, name="plan_choose"),
    path("students/<id:pk>/plan/drop/", views.plan_drop, name="plan_drop"),
    path("students/<id:pk>/plan/submit/", views.plan_submit, name="plan_submit"),
    path("students/<id:pk>/plan/approve/", views.plan_approve, name="plan_approve"),
    path("students/<id:pk>/plan/return/", views.plan_return, name="plan_return"),
    path("students/<id:pk>/supervisor/", views.supervisor_assign, name="supervisor"),
    path("students/<id:pk>/transcript.pdf", views.transcript_pdf, name="transcript_pdf"),
    path("students/<id:pk>/supplement.pdf", views.supplement_pdf, name="supplement_pdf"),
    path("teachings/", views.teachings, name="teachings"),
    path("teachings/<id:pk>/", views.teaching, name="teaching"),
    path("rounds/<id:pk>/", views.admission_round, name="round"),
    path("rounds/<id:pk>/order/", views.admission_order_draft, name="order_draft"),
    path("rounds/<id:pk>/sign/", views.admission_order_sign, name="order_sign"),
]

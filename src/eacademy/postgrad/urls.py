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
    path("students/<id:pk>/dissertation/", views.dissertation_set, name="dissertation"),
    path("students/<id:pk>/milestones/", views.milestone_add, name="milestone_add"),
    path("students/<id:pk>/milestones/done/", views.milestone_done, name="milestone_done"),
    path("students/<id:pk>/publications/", views.publication_add, name="publication_add"),
    path("students/<id:pk>/acts/", views.act_add, name="act_add"),
    path("students/<id:pk>/graduate/", views.graduate, name="graduate"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/years/", views.year_open, name="year_open"),
    path("calendar/periods/", views.period_open, name="period_open"),
    path("teachings/", views.teachings, name="teachings"),
    path("teachings/new/", views.teaching_add, name="teaching_add"),
    path("teachings/<id:pk>/correct/", views.mark_correct, name="mark_correct"),
    path("rounds/new/", views.round_new, name="round_new"),
    path("rounds/<id:pk>/applicants/", views.applicant_add, name="applicant_add"),
    path("rounds/<id:pk>/marks/", views.entrance_mark, name="entrance_mark"),
    path("teachings/<id:pk>/", views.teaching, name="teaching"),
    path("rounds/<id:pk>/", views.admission_round, name="round"),
    path("rounds/<id:pk>/order/", views.admission_order_draft, name="order_draft"),
    path("rounds/<id:pk>/sign/", views.admission_order_sign, name="order_sign"),
    path("rounds/<id:pk>/order.pdf", views.admission_order_pdf, name="order_pdf"),
]

from django.urls import path

from eacademy.journal import views

app_name = "journal"
urlpatterns = [
    path("", views.group_list, name="group_list"),
    path("my/", views.my_journal, name="my_journal"),
    path("groups/<id:pk>/", views.group_detail, name="group_detail"),
    path("groups/<id:pk>/disciplines/<id:discipline_id>/", views.journal, name="journal"),
    path("groups/<id:pk>/disciplines/<id:discipline_id>/sheet.<str:file_format>", views.grade_sheet, name="grade_sheet"),
    path("groups/<id:pk>/disciplines/<id:discipline_id>/from-test/", views.marks_from_exam, name="marks_from_exam"),
    path("attendance/", views.attendance_set, name="attendance_set"),
    path("marks/", views.mark_set, name="mark_set"),
    path("certifications/new/", views.certification_create, name="certification_create"),
    path("certifications/<id:pk>/", views.certification_detail, name="certification_detail"),
    path("certifications/<id:pk>/marks/", views.certification_mark, name="certification_mark"),
    path("certifications/<id:pk>/close/", views.certification_close, name="certification_close"),
    path("certifications/<id:pk>/protocol.<str:file_format>", views.certification_protocol, name="certification_protocol"),
    path("offerings/<id:pk>/certificates/", views.offering_certificates, name="offering_certificates"),
    path("offerings/<id:pk>/certificates/batch/", views.certificates_batch, name="certificates_batch"),
    path("batches/<id:pk>/", views.batch_progress, name="batch_progress"),
    path("batches/<id:pk>/certificates.pdf", views.batch_pdf, name="batch_pdf"),
    path("certificates/<id:pk>/", views.certificate_page, name="certificate_page"),
    path("certificates/<id:pk>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("certificates/<id:pk>/revoke/", views.certificate_revoke, name="certificate_revoke"),
    path("transcripts/<id:pk>.<str:file_format>", views.transcript, name="transcript"),
]

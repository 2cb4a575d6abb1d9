from django.urls import path

from eacademy.journal import views

app_name = "journal"
urlpatterns = [
    path("", views.group_list, name="group_list"),
    path("my/", views.my_journal, name="my_journal"),
    path("groups/<int:pk>/", views.group_detail, name="group_detail"),
    path("groups/<int:pk>/disciplines/<int:discipline_id>/", views.journal, name="journal"),
    path("groups/<int:pk>/disciplines/<int:discipline_id>/sheet.<str:file_format>", views.grade_sheet, name="grade_sheet"),
    path("groups/<int:pk>/disciplines/<int:discipline_id>/from-test/", views.marks_from_exam, name="marks_from_exam"),
    path("attendance/", views.attendance_set, name="attendance_set"),
    path("marks/", views.mark_set, name="mark_set"),
    path("certifications/new/", views.certification_create, name="certification_create"),
    path("certifications/<int:pk>/", views.certification_detail, name="certification_detail"),
    path("certifications/<int:pk>/marks/", views.certification_mark, name="certification_mark"),
    path("certifications/<int:pk>/close/", views.certification_close, name="certification_close"),
    path("certifications/<int:pk>/protocol.<str:file_format>", views.certification_protocol, name="certification_protocol"),
    path("offerings/<int:pk>/certificates/", views.offering_certificates, name="offering_certificates"),
    path("offerings/<int:pk>/certificates/batch/", views.certificates_batch, name="certificates_batch"),
    path("batches/<int:pk>/", views.batch_progress, name="batch_progress"),
    path("batches/<int:pk>/certificates.pdf", views.batch_pdf, name="batch_pdf"),
    path("certificates/<int:pk>/", views.certificate_page, name="certificate_page"),
    path("certificates/<int:pk>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("certificates/<int:pk>/revoke/", views.certificate_revoke, name="certificate_revoke"),
    path("transcripts/<int:pk>.<str:file_format>", views.transcript, name="transcript"),
]

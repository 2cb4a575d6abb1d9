from django.urls import path

from eacademy.exams import views

app_name = "exams"
urlpatterns = [
    path("", views.exam_list, name="exam_list"),
    path("new/", views.exam_create, name="exam_create"),
    path("<id:pk>/", views.exam_detail, name="exam_detail"),
    path("<id:pk>/start/", views.exam_start, name="exam_start"),
    path("attempts/<id:pk>/", views.attempt_page, name="attempt"),
    path("attempts/<id:pk>/answers/<id:position>/", views.answer_save, name="answer_save"),
    path("attempts/<id:pk>/clock/", views.attempt_clock, name="attempt_clock"),
    path("attempts/<id:pk>/finish/", views.attempt_finish, name="attempt_finish"),
    path("banks/", views.bank_list, name="bank_list"),
    path("banks/template.xlsx", views.import_template, name="import_template"),
    path("banks/<id:pk>/", views.bank_detail, name="bank_detail"),
    path("banks/<id:pk>/import/", views.bank_import, name="bank_import"),
    path("banks/<id:pk>/export/<str:file_format>/", views.bank_export, name="bank_export"),
    path("banks/<id:pk>/questions/new/", views.question_create, name="question_create"),
    path("questions/<id:pk>/", views.question_detail, name="question_detail"),
    path("files/<id:version_id>/<str:name>", views.question_file, name="question_file"),
    path("grading/", views.grading_queue, name="grading_queue"),
    path("grading/<id:pk>/", views.essay_grade, name="essay_grade"),
]

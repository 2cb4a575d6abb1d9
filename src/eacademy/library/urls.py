from django.urls import path

from eacademy.library import views

app_name = "library"
urlpatterns = [
    path("", views.index, name="index"),
    path("my/", views.my_library, name="my"),
    path("desk/", views.desk, name="desk"),
    path("acts/", views.acts, name="acts"),
    path("import/", views.marc_import, name="import"),
    path("catalogue.mrc", views.marc_export, name="export"),
    path("records/new/", views.record_edit, name="record_new"),
    path("records/<id:pk>/", views.record, name="record"),
    path("records/<id:pk>/edit/", views.record_edit, name="record_edit"),
    path("records/<id:pk>/hold/", views.hold_place, name="hold"),
    path("holds/<id:pk>/cancel/", views.hold_cancel, name="hold_cancel"),
    path("loans/<id:pk>/renew/", views.loan_renew, name="renew"),
    path("repository/", views.repository_list, name="repository"),
    path("repository/new/", views.deposit, name="deposit"),
    path("repository/<id:pk>/", views.work, name="work"),
    path("repository/files/<id:pk>/", views.work_file, name="work_file"),
    path("oai/", views.oai_endpoint, name="oai"),
    path("checks/new/", views.check_new, name="check_new"),
    path("checks/essays/", views.exam_essays, name="exam_essays"),
    path("checks/<id:pk>/", views.check_report, name="check"),
    path("violations/", views.violations, name="violations"),
    path("violations/<id:pk>/decide/", views.violation_decide, name="decide"),
    path("reading/<id:pk>/", views.reading_list, name="reading"),
]

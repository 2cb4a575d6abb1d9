from django.urls import path

from eacademy.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("new/", views.programme_create, name="programme_create"),
    path("<id:pk>/", views.programme_detail, name="programme_detail"),
    path("<id:pk>/new-draft/", views.version_start_draft, name="version_start_draft"),
    path("versions/<id:pk>/", views.version_update, name="version_update"),
    path("versions/<id:pk>/modules/", views.module_add, name="module_add"),
    path("versions/<id:pk>/disciplines/", views.discipline_add, name="discipline_add"),
    path("versions/<id:pk>/competencies/<id:competency_pk>/", views.competency_set, name="competency_set"),
    path("versions/<id:pk>/approve/", views.version_approve, name="version_approve"),
    path("disciplines/<id:pk>/remove/", views.discipline_remove, name="discipline_remove"),
]

from django.urls import path

from eacademy.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("new/", views.programme_create, name="programme_create"),
    path("<int:pk>/", views.programme_detail, name="programme_detail"),
    path("<int:pk>/new-draft/", views.version_start_draft, name="version_start_draft"),
    path("versions/<int:pk>/", views.version_update, name="version_update"),
    path("versions/<int:pk>/modules/", views.module_add, name="module_add"),
    path("versions/<int:pk>/disciplines/", views.discipline_add, name="discipline_add"),
    path("versions/<int:pk>/competencies/<int:competency_pk>/", views.competency_set, name="competency_set"),
    path("versions/<int:pk>/approve/", views.version_approve, name="version_approve"),
    path("disciplines/<int:pk>/remove/", views.discipline_remove, name="discipline_remove"),
]

from django.urls import path

from eacademy.planning import views

app_name = "planning"
urlpatterns = [
    path("", views.plan, name="plan"),
    path("plan.xlsx", views.plan_xlsx, name="plan_xlsx"),
    path("plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("needs/", views.need_list, name="need_list"),
    path("needs/summary/", views.needs_consolidated, name="needs_consolidated"),
    path("needs/<id:pk>/withdraw/", views.need_withdraw, name="need_withdraw"),
    path("offerings/new/", views.offering_create, name="offering_create"),
    path("offerings/<id:pk>/", views.offering_detail, name="offering_detail"),
    path("offerings/<id:pk>/quotas/", views.offering_quotas, name="offering_quotas"),
    path("offerings/<id:pk>/status/", views.offering_publish, name="offering_status"),
]

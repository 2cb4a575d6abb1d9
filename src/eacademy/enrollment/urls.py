from django.urls import path

from eacademy.enrollment import views

app_name = "enrollment"
urlpatterns = [
    path("", views.index, name="index"),
    path("my/", views.my_courses, name="my_courses"),
    path("applications/", views.applications, name="applications"),
    path("applications/<id:pk>/decide/", views.application_decide, name="application_decide"),
    path("applications/<id:pk>/withdraw/", views.application_withdraw, name="application_withdraw"),
    path("applications/<id:pk>/reject/", views.application_reject, name="application_reject"),
    path("offerings/<id:pk>/apply/", views.offering_apply, name="offering_apply"),
    path("offerings/<id:pk>/nominate/", views.offering_nominate, name="offering_nominate"),
    path("offerings/<id:pk>/nominations/", views.offering_nominations_upload, name="offering_nominations_upload"),
    path("offerings/<id:pk>/roster/", views.roster, name="roster"),
    path("offerings/<id:pk>/accept/", views.roster_accept, name="roster_accept"),
    path("offerings/<id:pk>/groups/", views.roster_groups, name="roster_groups"),
    path("enrollments/<id:pk>/", views.enrollment_action, name="enrollment_action"),
    path("orders/", views.order_list, name="order_list"),
    path("orders/<id:pk>/", views.order_detail, name="order_detail"),
    path("orders/<id:pk>/sign/", views.order_sign, name="order_sign"),
    path("orders/<id:pk>/pdf/", views.order_pdf, name="order_pdf"),
]

from django.urls import path

from eacademy.governance import views

app_name = "governance"

urlpatterns = [
    path("councils/", views.councils, name="councils"),
    path("councils/<id:pk>/", views.council, name="council"),
    path("councils/<id:pk>/members/<id:member>/remove/", views.member_remove, name="member_remove"),
    path("meetings/<id:pk>/", views.meeting, name="meeting"),
    path("meetings/<id:pk>/attendance/", views.attendance, name="attendance"),
    path("items/<id:pk>/decide/", views.decide, name="decide"),
    path("decisions/<id:pk>/extract.pdf", views.extract, name="extract"),
    path("orders/", views.orders, name="orders"),
    path("orders/new/", views.order_new, name="order_new"),
    path("orders/<id:pk>/", views.order, name="order"),
    path("orders/<id:pk>/edit/", views.order_edit, name="order_edit"),
    path("orders/<id:pk>/route/", views.order_route, name="order_route"),
    path("orders/<id:pk>/sign/", views.order_sign, name="order_sign"),
    path("orders/<id:pk>/pdf/", views.order_pdf, name="order_pdf"),
    path("visas/<id:pk>/", views.visa, name="visa"),
    path("appeals/", views.appeals, name="appeals"),
    path("appeals/overdue/", views.overdue, name="overdue"),
    path("appeals/<id:pk>/", views.appeal, name="appeal"),
    path("appeals/<id:pk>/extend/", views.appeal_extend, name="appeal_extend"),
    path("appeals/<id:pk>/answer.pdf", views.appeal_document, name="appeal_document"),
    path("calendar/", views.calendar, name="calendar"),
    path("quality/", views.quality, name="quality"),
    path("quality/<str:what>/<id:pk>/", views.progress, name="progress"),
    path("proposals/", views.proposals, name="proposals"),
    path("proposals/<id:pk>/decide/", views.proposal_decide, name="proposal_decide"),
    path("education/", views.education, name="education"),
    path("education/<id:pk>/report/", views.education_report, name="education_report"),
]

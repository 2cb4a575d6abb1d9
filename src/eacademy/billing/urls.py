from django.urls import path

from eacademy.billing import views

app_name = "billing"
urlpatterns = [
    path("", views.invoice_list, name="invoices"),
    path("contracts/", views.contract_list, name="contracts"),
    path("contracts/new/", views.contract_create, name="contract_create"),
    path("contracts/<id:pk>/", views.contract_detail, name="contract"),
    path("contracts/<id:pk>/contract.pdf", views.contract_pdf, name="contract_pdf"),
    path("contracts/<id:pk>/sign/", views.contract_sign, name="contract_sign"),
    path("contracts/<id:pk>/cancel/", views.contract_cancel, name="contract_cancel"),
    path("contracts/<id:pk>/amend/", views.contract_amend, name="contract_amend"),
    path("contracts/<id:pk>/invoice/", views.invoice_issue, name="invoice_issue"),
    path("contracts/<id:pk>/act/", views.act_draw, name="act_draw"),
    path("contracts/<id:pk>/payment/", views.payment_register, name="payment_register"),
    path("statement/", views.statement_import, name="statement"),
    path("debts/", views.debts, name="debts"),
    path("revenue/", views.revenue, name="revenue"),
    path("invoices/<id:pk>/invoice.pdf", views.invoice_pdf, name="invoice_pdf"),
    path("invoices/esf.xml", views.esf_export, name="esf_export"),
    path("acts/<id:pk>/act.pdf", views.act_pdf, name="act_pdf"),
]

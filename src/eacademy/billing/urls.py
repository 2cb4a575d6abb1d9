from django.urls import path

from eacademy.billing import views

app_name = "billing"
urlpatterns = [
    path("", views.invoice_list, name="invoices"),
    path("debts/", views.debts, name="debts"),
    path("invoices/<id:pk>/invoice.pdf", views.invoice_pdf, name="invoice_pdf"),
]

from django.urls import path

from reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.home, name="home"),
    path("r/<slug:org_slug>/", views.report_form, name="report-form"),
    path("o/<slug:org_slug>/report/", views.staff_report_form, name="staff-report-form"),
    path("receipt/", views.receipt, name="receipt"),
    path("receipt/reply/", views.receipt_reply, name="receipt-reply"),
    path("account/my-reports/", views.my_reports_page, name="my-reports"),
]

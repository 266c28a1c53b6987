from django.urls import path

from reporting import easy_read_views, views

app_name = "reporting"
urlpatterns = [
    path("", views.home, name="home"),
    path("r/<slug:org_slug>/", views.report_form, name="report-form"),
    path("r/<slug:org_slug>/easy/", easy_read_views.start, name="easy-start"),
    path("r/<slug:org_slug>/easy/questions/", easy_read_views.questions, name="easy-questions"),
    path("o/<slug:org_slug>/report/", views.staff_report_form, name="staff-report-form"),
    path("receipt/", views.receipt, name="receipt"),
    path("receipt/reply/", views.receipt_reply, name="receipt-reply"),
    path("account/my-reports/", views.my_reports_page, name="my-reports"),
]

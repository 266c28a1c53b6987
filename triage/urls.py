from django.urls import path

from triage import views

app_name = "triage"
urlpatterns = [
    path("o/", views.home, name="home"),
    path("o/<slug:org_slug>/queue/", views.queue, name="queue"),
    path("o/<slug:org_slug>/reports/<str:reference>/", views.report_detail, name="report"),
    path("o/<slug:org_slug>/reports/<str:reference>/status/", views.report_transition, name="transition"),
    path("o/<slug:org_slug>/reports/<str:reference>/messages/", views.report_message, name="message"),
    path("o/<slug:org_slug>/reports/<str:reference>/redaction/", views.report_redaction, name="redaction"),
]

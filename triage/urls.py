from django.urls import path

from triage import breakglass, feedback_views, views

app_name = "triage"
urlpatterns = [
    path("o/", views.home, name="home"),
    path("o/<slug:org_slug>/queue/", views.queue, name="queue"),
    path("o/<slug:org_slug>/overview/", views.overview, name="overview"),
    path("o/<slug:org_slug>/reports/<str:reference>/", views.report_detail, name="report"),
    path("o/<slug:org_slug>/reports/<str:reference>/status/", views.report_transition, name="transition"),
    path("o/<slug:org_slug>/reports/<str:reference>/messages/", views.report_message, name="message"),
    path("o/<slug:org_slug>/reports/<str:reference>/close/", feedback_views.close_report, name="close"),
    path("o/<slug:org_slug>/reports/<str:reference>/redaction/", views.report_redaction, name="redaction"),
    path("o/<slug:org_slug>/reports/<str:reference>/identity/", breakglass.request_identity, name="break-glass"),
    path("o/<slug:org_slug>/break-glass/", breakglass.pending_requests, name="break-glass-list"),
    path("o/<slug:org_slug>/break-glass/<int:pk>/", breakglass.request_detail, name="break-glass-detail"),
]

from django.urls import path

from coding import views

app_name = "coding"
urlpatterns = [
    path("o/<slug:org_slug>/reports/<str:reference>/coding/", views.report_coding, name="report"),
    path("o/<slug:org_slug>/reports/<str:reference>/coding/see/", views.report_unblind, name="unblind"),
    path("o/<slug:org_slug>/to-code/", views.worklist, name="worklist"),
    path("o/<slug:org_slug>/coding/risk/", views.risk_preview, name="risk-preview"),
    path("o/<slug:org_slug>/coding/quality/", views.quality, name="quality"),
    path("o/<slug:org_slug>/coding/codes/", views.codes, name="codes"),
    path("o/<slug:org_slug>/coding/codes/new/", views.code_new, name="code-new"),
    path("o/<slug:org_slug>/coding/codes/<int:code_id>/", views.code_edit, name="code-edit"),
    path("o/<slug:org_slug>/coding/codes/<int:code_id>/retire/", views.code_retire, name="code-retire"),
    path("o/<slug:org_slug>/coding/risk-matrix/", views.risk_matrix, name="risk-matrix"),
]

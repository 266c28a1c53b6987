"""Sharing's pages. Each part adds its own paths here."""

from django.urls import path

from sharing import clearance_views

app_name = "sharing"

urlpatterns: list = [
    path("o/<slug:org_slug>/sharing/clear/<str:reference>/", clearance_views.clear, name="clear"),
    path("o/<slug:org_slug>/sharing/cleared/", clearance_views.cleared, name="cleared"),
]

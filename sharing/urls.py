"""Sharing's pages. Each part adds its own paths here."""

from django.urls import path  # noqa: F401

app_name = "sharing"

urlpatterns: list = []

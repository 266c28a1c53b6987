"""Sharing's pages. Each part adds its own paths here."""

from django.urls import path

from sharing import partnership_views

app_name = "sharing"

urlpatterns: list = [
    # Safeguarding partnerships (sharing.partnerships): an organisation's memberships, and the combined view,
    # which belongs to no one organisation.
    path("o/<slug:org_slug>/sharing/partnerships/", partnership_views.partnership_list, name="partnerships"),
    path("o/<slug:org_slug>/sharing/partnerships/<slug:partnership_slug>/join/", partnership_views.partnership_join,
         name="partnership-join"),
    path("o/<slug:org_slug>/sharing/partnerships/<slug:partnership_slug>/leave/", partnership_views.partnership_leave,
         name="partnership-leave"),
    path("partnerships/<slug:partnership_slug>/", partnership_views.partnership_view, name="partnership"),
]

"""Sharing's pages. Each part adds its own paths here."""

from django.urls import path

from sharing import library_views

app_name = "sharing"

urlpatterns: list = [
    path("library/", library_views.library_list, name="library"),
    path("library/feed.atom", library_views.library_feed, name="library-feed"),
    path("library/feed/", library_views.library_feed_link, name="library-feed-link"),
    path("library/feed/<slug:token>.atom", library_views.library_token_feed, name="library-token-feed"),
    path("library/<slug:kind>/<slug:key>/", library_views.library_item, name="library-item"),
    path("o/<slug:org_slug>/sharing/library-settings/", library_views.library_settings, name="library-settings"),
    path("o/<slug:org_slug>/sharing/library-vignettes/", library_views.library_vignettes, name="library-vignettes"),
]

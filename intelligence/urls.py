from django.urls import path

from intelligence import alert_views, dashboard_views, event_views, search_views, theme_views

app_name = "intelligence"
urlpatterns: list = [
    path("o/<slug:org_slug>/search/", search_views.search_page, name="search"),
    path("o/<slug:org_slug>/dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("o/<slug:org_slug>/dashboard.csv", dashboard_views.dashboard_csv, name="dashboard-csv"),
    path("o/<slug:org_slug>/alerts/", alert_views.alerts, name="alerts"),
    path("o/<slug:org_slug>/themes/", theme_views.theme_list, name="themes"),
    path("o/<slug:org_slug>/themes/<int:theme_id>/", theme_views.theme_detail, name="theme"),
    path("o/<slug:org_slug>/themes/<int:theme_id>/rename/", theme_views.theme_rename, name="theme-rename"),
    path("o/<slug:org_slug>/themes/<int:theme_id>/merge/", theme_views.theme_merge, name="theme-merge"),
    path("o/<slug:org_slug>/themes/<int:theme_id>/split/", theme_views.theme_split, name="theme-split"),
    path("o/<slug:org_slug>/reports/<str:reference>/event/link/", event_views.link_event, name="event-link"),
    path("o/<slug:org_slug>/reports/<str:reference>/event/unlink/", event_views.unlink_event, name="event-unlink"),
]

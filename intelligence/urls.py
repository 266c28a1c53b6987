from django.urls import path

from intelligence import alert_views

app_name = "intelligence"
urlpatterns: list = [
    path("o/<slug:org_slug>/alerts/", alert_views.alerts, name="alerts"),
]

from django.urls import path

from intelligence import views

app_name = "intelligence"
urlpatterns: list = [
    path("o/<slug:org_slug>/dashboard/", views.dashboard, name="dashboard"),
    path("o/<slug:org_slug>/dashboard.csv", views.dashboard_csv, name="dashboard-csv"),
]

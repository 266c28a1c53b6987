from django.urls import path

from . import views

app_name = "equality"
urlpatterns = [
    path("o/<slug:org_slug>/equality/figures/", views.results_page, name="results"),
    path("o/<slug:org_slug>/equality/settings/", views.settings_page, name="settings"),
    path("o/<slug:org_slug>/equality/my-profile/", views.my_profile, name="my-profile"),
    path("o/<slug:org_slug>/equality/my-profile/delete/", views.delete_profile, name="delete-profile"),
]

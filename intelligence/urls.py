from django.urls import path

from intelligence import views

app_name = "intelligence"
urlpatterns: list = [
    path("o/<slug:org_slug>/reports/<str:reference>/event/link/", views.link_event, name="event-link"),
    path("o/<slug:org_slug>/reports/<str:reference>/event/unlink/", views.unlink_event, name="event-unlink"),
]

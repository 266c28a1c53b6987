from django.urls import path

from intelligence import views

app_name = "intelligence"
urlpatterns: list = [
    path("o/<slug:org_slug>/search/", views.search_page, name="search"),
]

from django.urls import path  # noqa: F401 (each part adds its pages below)

app_name = "intelligence"
urlpatterns: list = []

from django.urls import path  # noqa: F401  (each part adds its paths here)

app_name = "learning"
urlpatterns: list = []

from django.urls import path

app_name = "justculture"
urlpatterns: list = []

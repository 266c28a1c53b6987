from django.apps import AppConfig


class JustcultureConfig(AppConfig):
    name = "justculture"
    verbose_name = "Just-culture decision aid"

from django.apps import AppConfig


class CultureConfig(AppConfig):
    name = "culture"
    verbose_name = "Culture: the anonymous learning-culture survey and its suppressed results"

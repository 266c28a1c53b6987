from django.apps import AppConfig


class EqualityConfig(AppConfig):
    name = "equality"
    verbose_name = "Equality: fairness monitoring of just-culture outcomes by staff group"

from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "protection"

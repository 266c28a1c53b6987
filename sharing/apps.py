from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "sharing"
    verbose_name = "Sharing: cleared reports for partner agencies, safeguarding partnerships, the national hub and open data"

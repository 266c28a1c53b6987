from django.apps import AppConfig


class EqualityConfig(AppConfig):
    name = "equality"
    verbose_name = "Equality: fairness monitoring of just-culture outcomes by staff group"

    def ready(self):
        from organisations.audit_log import name_subjects_with

        from .profiles import name_profile_subjects

        name_subjects_with("equality", name_profile_subjects)

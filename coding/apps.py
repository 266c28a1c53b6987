from django.apps import AppConfig


class CodingConfig(AppConfig):
    name = "coding"
    verbose_name = "Coding of reports"

    def ready(self) -> None:
        # The audit log (in organisations) names codes by their name; it learns how from here.
        from organisations import audit_log

        from .taxonomy import names_for_subjects

        audit_log.name_subjects_with("code", names_for_subjects)

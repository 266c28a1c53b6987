from django.apps import AppConfig


class CultureConfig(AppConfig):
    name = "culture"
    verbose_name = "Culture: the anonymous learning-culture survey and its suppressed results"

    def ready(self) -> None:
        # The audit log names a wave as people know it ("Survey wave 2"), not "wave:17".
        from culture.waves import names_for_subjects
        from organisations import audit_log

        audit_log.name_subjects_with("wave", names_for_subjects)

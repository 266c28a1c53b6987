from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "sharing"
    verbose_name = "Sharing: cleared reports for partner agencies, safeguarding partnerships, the national hub and open data"

    def ready(self) -> None:
        from organisations import audit_log
        from sharing.agreements import names_for_subjects as agreement_names

        audit_log.name_subjects_with("agreement", agreement_names)

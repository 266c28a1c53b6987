from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"

    def ready(self) -> None:
        # The audit log (in organisations) names reports by their reference; it learns how from here,
        # so that organisations, which reporting builds on, never imports reporting.
        from organisations import audit_log
        from protection import redaction
        from reporting.deidentification import confirm_subject
        from reporting.services import references_for_subjects

        audit_log.name_subjects_with("report", references_for_subjects)
        # A reviewer's check (one call into protection) confirms a report through reporting, which
        # keeps the report's row and its state.
        redaction.confirm_subjects_with("report", confirm_subject)

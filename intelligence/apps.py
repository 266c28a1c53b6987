from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "intelligence"
    verbose_name = "Safety intelligence"

    def ready(self) -> None:
        # A report's embedding is computed once its de-identified text is confirmed (reporting.signals).
        from reporting.signals import report_confirmed

        from . import tasks

        report_confirmed.connect(tasks.on_report_confirmed, dispatch_uid="intelligence-embed-on-confirm")

        # Keyword search follows a report's confirmation and its coding (intelligence.search).
        from coding.search_fields import on_coding_changed

        report_confirmed.connect(tasks.on_report_confirmed_search, dispatch_uid="intelligence-index-on-confirm")
        on_coding_changed(tasks.on_coding_changed, dispatch_uid="intelligence-index-on-coding")

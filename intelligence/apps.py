from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "intelligence"
    verbose_name = "Safety intelligence"

    def ready(self) -> None:
        # A report's embedding is computed once its de-identified text is confirmed (reporting.signals).
        from reporting.signals import report_confirmed

        from . import ann, tasks, vectors

        report_confirmed.connect(tasks.on_report_confirmed, dispatch_uid="intelligence-embed-on-confirm")
        # Large organisations are searched through a saved HNSW graph (intelligence.ann).
        vectors.use_approximate(ann.current_file, ann.load)

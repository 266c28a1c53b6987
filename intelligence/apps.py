from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "intelligence"
    verbose_name = "Safety intelligence"

    def ready(self) -> None:
        from coding.search_fields import on_coding_changed
        from reporting.signals import report_confirmed

        from . import ann, tasks, vectors

        # Once its de-identified text is confirmed, a report is embedded and indexed for keyword search;
        # the search index follows its coding too.
        report_confirmed.connect(tasks.on_report_confirmed, dispatch_uid="intelligence-embed-on-confirm")
        report_confirmed.connect(tasks.on_report_confirmed_search, dispatch_uid="intelligence-index-on-confirm")
        on_coding_changed(tasks.on_coding_changed, dispatch_uid="intelligence-index-on-coding")
        # Large organisations are searched through a saved HNSW graph (intelligence.ann).
        vectors.use_approximate(ann.current_file, ann.load)

from django.db import models


class SearchDocument(models.Model):
    """What keyword search reads of one confirmed report: its de-identified narrative and its coded
    fields as words (kind, service area, stage, contributing factors). Rewritten whenever the report
    is confirmed or its coding changes (intelligence.search).

    The full-text index itself is the database's own, made by the migration: an FTS5 table kept in
    step by triggers on SQLite, a generated tsvector column with a GIN index on PostgreSQL.
    """

    report = models.OneToOneField("reporting.Report", on_delete=models.CASCADE, primary_key=True, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    narrative = models.TextField()
    coded = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "report"])]

    def __str__(self) -> str:
        return f"Search document of report {self.report_id}"

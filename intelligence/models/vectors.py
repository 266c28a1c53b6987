from django.db import models


class ReportVector(models.Model):
    """A confirmed report's sentence embedding: float32, unit length, from the packaged model named
    in `model`. Recomputed from the de-identified text whenever needed; it holds nothing sealed."""

    report = models.OneToOneField("reporting.Report", on_delete=models.CASCADE, primary_key=True, related_name="+")
    # Kept beside the report so that an organisation's vectors load with one indexed scan.
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    model = models.CharField(max_length=64)
    vector = models.BinaryField()

    class Meta:
        indexes = [models.Index(fields=["organisation", "report"])]

    def __str__(self) -> str:
        return f"Vector of report {self.report_id}"

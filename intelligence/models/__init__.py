"""Safety intelligence's tables, one module per part (each helper owns its own module)."""

from intelligence.models.events import Event, EventReport
from intelligence.models.vectors import ReportVector

__all__ = ["Event", "EventReport", "ReportVector"]

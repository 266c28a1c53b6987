"""Safety intelligence's tables, one module per part (each helper owns its own module)."""

from intelligence.models.search import SearchDocument
from intelligence.models.vectors import ReportVector

__all__ = ["ReportVector", "SearchDocument"]

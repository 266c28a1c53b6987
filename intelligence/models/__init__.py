"""Safety intelligence's tables, one module per part (each helper owns its own module)."""

from intelligence.models.themes import ReportTheme, Theme, ThemeDecision
from intelligence.models.vectors import ReportVector

__all__ = ["ReportTheme", "ReportVector", "Theme", "ThemeDecision"]

"""Safety intelligence's tables, one module per part."""

from intelligence.models.events import Event, EventReport
from intelligence.models.rollups import (
    FactorRollup,
    FeedbackRollup,
    ReportRollup,
    RiskRollup,
    RollupState,
)
from intelligence.models.search import SearchDocument
from intelligence.models.spikes import SpikeAlert
from intelligence.models.themes import ReportTheme, Theme, ThemeDecision
from intelligence.models.vectors import ReportVector

__all__ = ["Event", "EventReport", "FactorRollup", "FeedbackRollup", "ReportRollup", "ReportTheme", "ReportVector",
           "RiskRollup", "RollupState", "SearchDocument", "SpikeAlert", "Theme", "ThemeDecision"]

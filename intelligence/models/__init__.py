"""Safety intelligence's tables, one module per part."""

from intelligence.models.rollups import FactorRollup, FeedbackRollup, ReportRollup, RiskRollup, RollupState
from intelligence.models.spikes import SpikeAlert
from intelligence.models.themes import ReportTheme, Theme, ThemeDecision
from intelligence.models.vectors import ReportVector

__all__ = ["FactorRollup", "FeedbackRollup", "ReportRollup", "ReportTheme", "ReportVector", "RiskRollup", "RollupState",
           "SpikeAlert", "Theme", "ThemeDecision"]

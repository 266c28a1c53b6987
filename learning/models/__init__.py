"""Learning's tables, one module per part."""

from learning.models.actions import Action, ActionEvent, ActionFactor, ActionReport, ActionTheme

__all__ = ["Action", "ActionEvent", "ActionFactor", "ActionReport", "ActionTheme"]
from learning.models.actions import ActionReminder, EffectivenessReview  # noqa: E402  (the actions part)

__all__ += ["ActionReminder", "EffectivenessReview"]
from learning.models.reviews import (  # noqa: E402
    AgencyPerspective,
    FactorFound,
    Finding,
    KeyEpisode,
    LearningReview,
    Recommendation,
    RecommendationAction,
    ReviewReport,
    ReviewStatusChange,
)

__all__ += ["AgencyPerspective", "FactorFound", "Finding", "KeyEpisode", "LearningReview", "Recommendation",
            "RecommendationAction", "ReviewReport", "ReviewStatusChange"]

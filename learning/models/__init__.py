"""Learning's tables, one module per part."""

from learning.models.actions import (
    Action,
    ActionEvent,
    ActionFactor,
    ActionReminder,
    ActionReport,
    ActionTheme,
    EffectivenessReview,
)
from learning.models.bulletins import Bulletin, BulletinDelivery, BulletinItem
from learning.models.reviews import (
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

__all__ = ["Action", "ActionEvent", "ActionFactor", "ActionReminder", "ActionReport", "ActionTheme", "AgencyPerspective",
           "Bulletin", "BulletinDelivery", "BulletinItem", "EffectivenessReview", "FactorFound", "Finding", "KeyEpisode",
           "LearningReview", "Recommendation", "RecommendationAction", "ReviewReport", "ReviewStatusChange"]

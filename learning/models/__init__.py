"""Learning's tables, one module per part."""

from learning.models.actions import Action, ActionEvent, ActionFactor, ActionReport, ActionTheme
from learning.models.bulletins import Bulletin, BulletinDelivery, BulletinItem

__all__ = ["Action", "ActionEvent", "ActionFactor", "ActionReport", "ActionTheme"]
__all__ += ["Bulletin", "BulletinDelivery", "BulletinItem"]

"""Sharing's tables, one module per part."""

from sharing.models.agreements import Partnership, PartnershipMember, SharingAgreement
from sharing.models.hub import FeedCursor, FeedItem, HubAggregate, HubOrganisation, HubSenderKey
from sharing.models.shared import SharedReport

__all__ = ["Partnership", "PartnershipMember", "SharedReport", "SharingAgreement"]
__all__ += ["FeedCursor", "FeedItem", "HubAggregate", "HubOrganisation", "HubSenderKey"]

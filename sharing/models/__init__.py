"""Sharing's tables, one module per part."""

from sharing.models.agreement_records import PartnerPerspective, ProposedAction, SharedRead
from sharing.models.agreements import Partnership, PartnershipMember, SharingAgreement
from sharing.models.hub import FeedCursor, FeedItem, HubAggregate, HubOrganisation, HubSenderKey
from sharing.models.library import HubLearningItem, HubLibraryFetch, LibraryFeedToken, LibrarySharing, LibraryVignette
from sharing.models.shared import SharedReport

__all__ = ["FeedCursor", "FeedItem", "HubAggregate", "HubLearningItem", "HubLibraryFetch", "HubOrganisation",
           "HubSenderKey", "LibraryFeedToken", "LibrarySharing", "LibraryVignette", "PartnerPerspective",
           "Partnership", "PartnershipMember", "ProposedAction", "SharedRead", "SharedReport",
           "SharingAgreement"]

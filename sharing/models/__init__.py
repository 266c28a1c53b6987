"""Sharing's tables, one module per part."""

from sharing.models.agreements import Partnership, PartnershipMember, SharingAgreement
from sharing.models.library import LibraryFeedToken, LibrarySharing, LibraryVignette
from sharing.models.shared import SharedReport

__all__ = ["LibraryFeedToken", "LibrarySharing", "LibraryVignette", "Partnership", "PartnershipMember", "SharedReport",
           "SharingAgreement"]

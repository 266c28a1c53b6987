"""Sealed originals are destroyed after the retention period; the de-identified record stays."""

from datetime import timedelta

import pytest
from django.utils import timezone

from protection import tasks
from protection.models import AuditEntry, SealedRecord
from protection.services import SealedDataGone, open_sealed
from reporting.deidentification import confirm_redaction
from reporting.subjects import subject_for
from tests.factories import report

pytestmark = pytest.mark.django_db

ORIGINAL = "Grandad Elowen Pascoe's address was given to the wrong carer."


def test_the_scheduled_task_destroys_originals_once_their_time_has_come(organisation, reviewer):
    organisation.sealed_retention_days = 7
    organisation.save()
    subject = report(organisation, ORIGINAL).report
    confirm_redaction(subject, by=reviewer)

    assert tasks.apply_retention.call() == 0  # not due yet
    SealedRecord.objects.update(destroy_after=timezone.now() - timedelta(seconds=1))
    assert tasks.apply_retention.call() == 1

    record = SealedRecord.objects.get(field="what_happened")
    assert record.ciphertext is None and record.destroyed_at is not None
    with pytest.raises(SealedDataGone):
        open_sealed(organisation.pk, subject_for(subject), "narrative", field="what_happened", actor=reviewer,
                    purpose="test")
    subject.refresh_from_db()
    assert subject.what_happened and "Pascoe" not in subject.what_happened
    assert AuditEntry.objects.filter(action="sealed.destroy", detail__reason="retention period ended").exists()


def test_unconfirmed_originals_are_kept_until_a_reviewer_has_checked_them(organisation):
    report(organisation, ORIGINAL)
    assert tasks.apply_retention.call() == 0
    assert SealedRecord.objects.get().ciphertext is not None

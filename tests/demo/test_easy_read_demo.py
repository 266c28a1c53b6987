"""The demo easy-read reports: three, one urgent, sent once, with a duty number set."""

import pytest

from demo.easy_read import DUTY_NUMBER, load_easy_read
from reporting.models import Report

pytestmark = pytest.mark.django_db


def test_demo_easy_read_reports_are_sent_once_and_one_is_urgent(organisation):
    receipts = load_easy_read(organisation)
    assert len(receipts) == 1
    easy = Report.objects.filter(organisation=organisation).exclude(reporter_group="")
    assert easy.count() == 3 and easy.filter(urgent=True).count() == 1
    assert all(report.is_demo for report in easy)
    organisation.refresh_from_db()
    assert organisation.duty_phone_number == DUTY_NUMBER
    assert load_easy_read(organisation) == []
    assert Report.objects.filter(organisation=organisation).count() == 3

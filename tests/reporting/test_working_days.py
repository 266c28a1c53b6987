"""Working days for the feedback target, against dates counted by hand on a calendar."""

from datetime import date

from reporting.working_days import BANK_HOLIDAYS, is_working_day, overdue_if_sent_before, working_days_between


def test_a_weekend_is_not_counted():
    # Sent on Friday 4 December 2026: on Monday the 7th it has waited one working day.
    assert working_days_between(date(2026, 12, 4), date(2026, 12, 7)) == 1
    assert working_days_between(date(2026, 12, 4), date(2026, 12, 6)) == 0
    assert working_days_between(date(2026, 12, 4), date(2026, 12, 4)) == 0


def test_bank_holidays_in_england_and_wales_are_not_counted():
    # Christmas 2026: Friday the 25th, and Boxing Day's substitute on Monday the 28th.
    assert working_days_between(date(2026, 12, 24), date(2026, 12, 29)) == 1
    # Easter 2026: Good Friday 3 April and Easter Monday 6 April.
    assert working_days_between(date(2026, 4, 2), date(2026, 4, 7)) == 1
    # New Year 2028 falls on a Saturday: the holiday is Monday 3 January.
    assert not is_working_day(date(2028, 1, 3)) and is_working_day(date(2027, 12, 31))
    assert all(day.weekday() < 5 for day in BANK_HOLIDAYS)


def test_ten_working_days_back_from_a_monday_reach_the_monday_two_weeks_before():
    # On Monday 7 December 2026, a report sent on Monday 23 November has waited exactly ten working
    # days (24-27 Nov, 30 Nov-4 Dec, 7 Dec); one sent on Friday the 20th has waited eleven.
    assert working_days_between(date(2026, 11, 23), date(2026, 12, 7)) == 10
    assert overdue_if_sent_before(date(2026, 12, 7), 10) == date(2026, 11, 23)


def test_over_christmas_the_target_stretches_past_the_holidays():
    # On Wednesday 30 December 2026 a report sent on the 23rd has waited three working days (the 24th,
    # 29th and 30th: the 25th and 28th are bank holidays); one sent on the 22nd has waited four.
    assert working_days_between(date(2026, 12, 23), date(2026, 12, 30)) == 3
    assert working_days_between(date(2026, 12, 22), date(2026, 12, 30)) == 4
    assert overdue_if_sent_before(date(2026, 12, 30), 3) == date(2026, 12, 23)

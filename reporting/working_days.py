"""Working days, for the target time to first feedback: Saturdays, Sundays and bank holidays in
England and Wales are not counted.

The bank holidays are a small table for the years the service's data covers (2024 to 2028, with the
substitute days when one falls at a weekend); outside those years only weekends are skipped. Add a
year's row when it is announced (gov.uk/bank-holidays).
"""

from __future__ import annotations

from datetime import date, timedelta

BANK_HOLIDAYS: frozenset[date] = frozenset(
    date(year, month, day) for year, days in {
        2024: ((1, 1), (3, 29), (4, 1), (5, 6), (5, 27), (8, 26), (12, 25), (12, 26)),
        2025: ((1, 1), (4, 18), (4, 21), (5, 5), (5, 26), (8, 25), (12, 25), (12, 26)),
        2026: ((1, 1), (4, 3), (4, 6), (5, 4), (5, 25), (8, 31), (12, 25), (12, 28)),
        2027: ((1, 1), (3, 26), (3, 29), (5, 3), (5, 31), (8, 30), (12, 27), (12, 28)),
        2028: ((1, 3), (4, 14), (4, 17), (5, 1), (5, 29), (8, 28), (12, 25), (12, 26)),
    }.items() for month, day in days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in BANK_HOLIDAYS


def working_days_between(start: date, end: date) -> int:
    """The working days after `start`, up to and including `end`: a report sent on a Friday has
    waited one working day on the Monday."""
    days, day = 0, start + timedelta(days=1)
    while day <= end:
        days += is_working_day(day)
        day += timedelta(days=1)
    return days


def overdue_if_sent_before(today: date, target: int) -> date:
    """The first day a report may have been sent and still be within its target today: whatever was
    sent before it has waited more than `target` working days. One comparison in SQL, not a sum per
    report."""
    day, counted = today, 0
    while True:
        counted += is_working_day(day)
        if counted > target:
            return day
        day -= timedelta(days=1)

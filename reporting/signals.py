"""What reporting tells the contexts above it, which it must not import.

`report_confirmed` is sent, after the transaction commits, once a reviewer has confirmed a report's
de-identified text: from then on other contexts may read and index it. Sent with `report_ids` and
`organisation_id` (plain integers: a receiver loads what it needs through reporting's services):
one report when a reviewer confirms, or every report a hub's feed request stored
(`reporting.services.confirmations_together`), so that a receiver queues one task for them all.
"""

from django.dispatch import Signal

report_confirmed = Signal()

"""What reporting tells the contexts above it, which it must not import.

`report_confirmed` is sent, after the transaction commits, once a reviewer has confirmed a report's
de-identified text: from then on other contexts may read and index it. Sent with `report_id` and
`organisation_id` (plain integers: a receiver loads what it needs through reporting's services).
"""

from django.dispatch import Signal

report_confirmed = Signal()

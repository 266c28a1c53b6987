"""Check the audit log's hash chain from the first entry to the last."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from protection.audit import verify_chain
from protection.models import AuditEntry


class Command(BaseCommand):
    help = ("Walk the audit log's hash chain. Prints OK with the number of entries and the latest hash, "
            "or names the first broken entry and exits non-zero.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--expect-hash", metavar="HASH",
            help="A latest hash recorded earlier (outside the database). The chain alone cannot show that "
                 "entries were cut off its end; this fails if that entry is no longer in the log.",
        )

    def handle(self, *args, expect_hash: str | None = None, **options):
        check = verify_chain()
        if not check.ok:
            reason = check.reason
            if reason.startswith("its previous-hash"):
                before = (AuditEntry.objects.filter(pk__lt=check.broken_at).order_by("-pk")
                          .values_list("pk", flat=True).first())
                reason += (f" (entry {before}): an entry between them was deleted, or entry {before}'s hash was "
                           "altered" if before is not None else " (it is first): earlier entries were deleted")
            raise CommandError(f"Audit chain broken at entry {check.broken_at}: {reason}. "
                               f"{check.checked} entries before it verified.")
        latest = AuditEntry.objects.order_by("-pk").values_list("entry_hash", flat=True).first()
        if expect_hash and not AuditEntry.objects.filter(entry_hash=expect_hash.strip().lower()).exists():
            raise CommandError(f"The chain is intact but entry {expect_hash} is not in it: entries were removed "
                               "from its end or the log was replaced.")
        self.stdout.write(f"OK: {check.checked} audit entries, chain intact. Latest hash: {latest or 'none'}")

"""Copy the database while the service runs, and put the copy on the audit record."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, make_backup
from protection.audit import audit

KEEP_KEYS_APART = ("The backup holds the database only: no sealed narrative or identity in it opens without "
                   "GOODCATCH_MASTER_KEY. Keep the master key, SECRET_KEY and GOODCATCH_RECEIPT_SALT apart from "
                   "your backups (README, Backup and restore).")


class Command(BaseCommand):
    help = ("Copy the database to FILE while the service runs: SQLite's online backup API, or pg_dump (custom "
            "format) on PostgreSQL. Refuses to overwrite FILE without --force.")

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, metavar="FILE", help="The file to write.")
        parser.add_argument("--force", action="store_true", help="Replace FILE if it exists.")

    def handle(self, *args, output: str, force: bool = False, **options):
        try:
            made = make_backup(output, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        audit("backup.made", actor="system:backup", detail=made.audit_detail())
        self.stdout.write(f"Wrote {made.path}: {made.summary()}.")
        self.stdout.write(KEEP_KEYS_APART)

"""Replace the database with a backup, check that code, migrations, audit chain and master key agree,
and put the restore on the audit record."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore_backup
from protection import keys
from protection.audit import audit, verify_chain
from protection.models import DataKey


class Command(BaseCommand):
    help = ("Restore a backup made by `manage.py backup` into the configured database: SQLite's backup API, or "
            "pg_restore --clean on PostgreSQL. Stop the service first. A database that holds data is replaced "
            "only with --yes.")

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, metavar="FILE", help="The backup to restore.")
        parser.add_argument("--yes", action="store_true",
                            help="Replace the data the configured database holds now.")

    def handle(self, *args, yes: bool = False, **options):
        try:
            restored = restore_backup(options["input"], replace=yes)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Restored {restored.path}: {restored.summary()}.")
        if restored.migrations.unknown:
            raise CommandError(
                "The backup was made by newer code: its database has migrations this code does not have ("
                f"{', '.join(restored.migrations.unknown)}). Deploy that code, or newer, before starting the service.")
        if restored.migrations.pending:
            raise CommandError(
                "The backup is older than this code, which has migrations the restored database has not had ("
                f"{', '.join(restored.migrations.pending)}). Run `manage.py migrate`, then `manage.py verify_audit`, "
                "before starting the service.")
        self.stdout.write("Migrations: the database matches the code.")
        chain = verify_chain()
        if not chain.ok:
            raise CommandError(f"The restored audit chain is broken at entry {chain.broken_at}: {chain.reason}. "
                               "Run `manage.py verify_audit` for details.")
        audit("backup.restored", actor="system:restore", detail=restored.audit_detail())
        self.stdout.write(f"Audit chain: {chain.checked} entries restored, intact; this restore is recorded after them.")
        missing = _master_keys_not_configured()
        if missing:
            raise CommandError(
                f"The backup's data keys are wrapped by master key {', '.join(missing)}, which is not configured: no "
                "sealed narrative or identity will open. Start the service with the GOODCATCH_MASTER_KEY the backup "
                "was made under (or name it in GOODCATCH_OLD_MASTER_KEYS and run `manage.py rotate_keys`).")
        self.stdout.write("Master key: every data key in the backup is wrapped by a configured master key.")


def _master_keys_not_configured() -> list[str]:
    """Ids of the master keys that wrap the restored data keys but are not configured; a comparison of
    key ids only, so nothing is decrypted and nothing is opened."""
    configured = {keys.master_key_id(secret) for secret in keys.master_secrets()}
    wrapping = set(DataKey.objects.values_list("master_key_id", flat=True))
    return sorted(wrapping - configured)

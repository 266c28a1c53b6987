"""Rewrap every organisation's data keys with the current master key."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from protection.keys import SealError
from protection.rotation import rotate_keys


class Command(BaseCommand):
    help = ("Rewrap every organisation's data keys with GOODCATCH_MASTER_KEY, unwrapping with it or with "
            "GOODCATCH_OLD_MASTER_KEYS. Safe to run again. Remove the old master key only after this succeeds.")

    def add_arguments(self, parser):
        parser.add_argument("--new-data-keys", action="store_true",
                            help="Also start a new data-key version per organisation for future seals; "
                                 "records sealed before keep opening with their own version.")

    def handle(self, *args, new_data_keys: bool = False, **options):
        try:
            result = rotate_keys(new_data_keys=new_data_keys, actor="system:rotate_keys")
        except SealError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"OK: {result.organisations} organisations; {result.rewrapped} data keys rewrapped, "
            f"{result.already_current} already under master key {result.master_key_id}; "
            f"{result.new_data_keys} new data keys."
        )

"""At the national hub: `manage.py hub_senders add --name INSTANCE --public-key KEY`,
`hub_senders revoke --name INSTANCE` (every key of it) or `--key-id ID` (one key), and `hub_senders list`.

A revoked key's feeds are refused (403) and each refusal is audited (sharing.feed_refused)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from sharing import hub


class Command(BaseCommand):
    help = "Register, revoke and list the instances allowed to send their feed to this hub, by public key."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["add", "revoke", "list"])
        parser.add_argument("--name", default="", help="the sending instance's GOODCATCH_INSTANCE_NAME")
        parser.add_argument("--public-key", default="", help="as `manage.py hub_keys generate` printed it there")
        parser.add_argument("--key-id", default="", help="revoke this one key only")

    def handle(self, *args, action: str, name: str = "", public_key: str = "", key_id: str = "", **options):
        try:
            if action == "add":
                if not (name and public_key):
                    raise CommandError("add needs --name and --public-key")
                sender = hub.add_sender(name, public_key)
                self.stdout.write(f"added key {sender.key_id} for {sender.instance}")
            elif action == "revoke":
                revoked = hub.revoke_senders(instance=name, key_id=key_id)
                if not revoked:
                    raise CommandError("no current key matched: nothing was revoked")
                for sender in revoked:
                    self.stdout.write(f"revoked key {sender.key_id} of {sender.instance}")
            else:
                for sender in hub.senders():
                    state = f"revoked {sender.revoked_at:%Y-%m-%d %H:%M}" if sender.revoked_at else "current"
                    self.stdout.write(f"{sender.instance}\t{sender.key_id}\t{state}\t"
                                      f"added {sender.added_at:%Y-%m-%d %H:%M}")
        except hub.SenderError as error:
            raise CommandError(str(error)) from None

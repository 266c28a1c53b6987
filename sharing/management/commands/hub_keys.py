"""`manage.py hub_keys generate [--replace]` / `hub_keys show`: this instance's key for signing its
feed to the national hub. The private key stays in GOODCATCH_HUB_SIGNING_KEY_FILE (readable by this
user only); what is printed is the public key, for the hub's operator to register:

    manage.py hub_senders add --name INSTANCE --public-key KEY      (at the hub)
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sharing import feed_signing as signing


class Command(BaseCommand):
    help = "Make or show this instance's Ed25519 key for signing its feed to the national hub."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["generate", "show"])
        parser.add_argument("--replace", action="store_true",
                            help="make a new key even if one exists (the hub must register the new public key)")

    def handle(self, *args, action: str, replace: bool = False, **options):
        path = signing.key_file()
        key = signing.load_private_key(path)
        if action == "show":
            if key is None:
                raise CommandError(f"no signing key at {path}: run `manage.py hub_keys generate`")
        elif key is not None and not replace:
            raise CommandError(f"a signing key already exists at {path}; `hub_keys show` prints its public key, "
                               f"and --replace makes a new one")
        else:
            key = signing.generate_private_key(path)
            self.stderr.write(f"wrote a new signing key to {path}")
        public = key.public_key()
        instance = settings.GOODCATCH_INSTANCE_NAME or "INSTANCE-NAME"
        self.stdout.write(f"public key: {signing.public_key_text(public)}")
        self.stdout.write(f"key id: {signing.key_id(public)}")
        self.stdout.write(f"at the hub: manage.py hub_senders add --name {instance} "
                          f"--public-key {signing.public_key_text(public)}")

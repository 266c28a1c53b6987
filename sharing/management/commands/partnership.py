"""Safeguarding partnerships, for the site's operator: create one, invite organisations, list them.

    manage.py partnership create --slug SLUG --name NAME --organisation ORG [--organisation ORG ...]
    manage.py partnership invite --slug SLUG --organisation ORG [--organisation ORG ...]
    manage.py partnership list

An invited organisation is not in the partnership until its admin joins, on its sharing pages
(/o/<org>/sharing/partnerships/). Each invitation is audited in the organisation invited.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sharing import partnerships

ACTOR = "manage.py partnership"


class Command(BaseCommand):
    help = "Create a safeguarding partnership and invite organisations to it, or list partnerships."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        create = commands.add_parser("create", help="create a partnership and invite organisations")
        create.add_argument("--slug", required=True, help="the partnership's slug, in its address")
        create.add_argument("--name", required=True, help="its name, as members see it")
        create.add_argument("--organisation", action="append", default=[], metavar="SLUG",
                            help="an organisation to invite (repeat)")
        invite = commands.add_parser("invite", help="invite organisations to a partnership")
        invite.add_argument("--slug", required=True, help="the partnership's slug")
        invite.add_argument("--organisation", action="append", required=True, metavar="SLUG",
                            help="an organisation to invite (repeat)")
        commands.add_parser("list", help="list partnerships and their organisations")

    def handle(self, *args, action: str, **options):
        try:
            if action == "create":
                found = partnerships.create_partnership(options["slug"], options["name"], options["organisation"], by=ACTOR)
                self.stdout.write(f"Created {found.slug} ({found.name}); invited: "
                                  f"{', '.join(options['organisation']) or 'nobody yet'}.")
            elif action == "invite":
                found = partnerships.partnership_with_slug(options["slug"])
                if found is None:
                    raise CommandError(f"There is no partnership with the slug {options['slug']!r}.")
                with transaction.atomic():
                    for organisation in options["organisation"]:
                        partnerships.invite(found, organisation, by=ACTOR)
                self.stdout.write(f"Invited to {found.slug}: {', '.join(options['organisation'])}.")
            else:
                self._list()
        except partnerships.PartnershipError as error:
            raise CommandError(str(error)) from error

    def _list(self) -> None:
        listed = partnerships.all_partnerships()
        if not listed:
            self.stdout.write("No partnerships.")
        for partnership, members in listed:
            self.stdout.write(f"{partnership.slug}\t{partnership.name}")
            for slug, status in members:
                self.stdout.write(f"  {slug}\t{status}")

"""Make single-use survey links for an organisation and print one full address per line.

    manage.py open_survey --organisation SLUG --invitations N [--team NAME ...] [--new-wave]

Uses the organisation's open wave, or opens one (with the teams given) when none is open.
`--new-wave` closes the open wave first and opens the next one. `--team` applies only to a wave
this command opens; the teams of a wave already open are kept. Only the addresses go to standard
output, so `> links.txt` gives a file of links; what was done goes to standard error.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from culture import waves
from organisations.services import get_organisation


class Command(BaseCommand):
    help = "Print N single-use learning-culture survey links, opening a wave if none is open."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="The organisation's slug")
        parser.add_argument("--invitations", required=True, type=int, help="How many links to make")
        parser.add_argument("--team", action="append", default=[], help="A team respondents may choose (repeat)")
        parser.add_argument("--new-wave", action="store_true", help="Close the open wave and open the next one")

    def handle(self, *args, organisation: str, invitations: int, team: list[str], new_wave: bool, **options):
        org = get_organisation(organisation)
        if org is None:
            raise CommandError(f"No organisation with the slug {organisation!r}")
        if not 1 <= invitations <= waves.MAX_INVITATIONS:
            raise CommandError(f"--invitations must be between 1 and {waves.MAX_INVITATIONS}")
        wave = waves.open_wave_of(org)
        if wave is not None and new_wave:
            waves.close_wave(wave, by="open_survey command")
            self.stderr.write(f"Closed wave {wave.number}.")
            wave = None
        if wave is None:
            wave = waves.open_wave(org, teams=team, by="open_survey command")
            self.stderr.write(f"Opened wave {wave.number} of {org.slug}.")
        urls = waves.issue_invitations(wave, invitations, by="open_survey command", via="command")
        self.stderr.write(f"{len(urls)} links for wave {wave.number}; they are not kept, so save them now.")
        for url in urls:
            self.stdout.write(url)

"""Issue an API token from the command line, for operators' scripts.

    python manage.py issue_api_token USERNAME [--organisation SLUG] [--name NAME]

Prints the token alone on standard output (so `TOKEN=$(python manage.py issue_api_token ana)` works);
it is the same kind of token the API tokens page makes, shown once, stored only as a hash, and audited
twice: as the page's token creation, and as issued by this command.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from organisations import permissions as perm
from organisations import services
from protection.audit import audit


class Command(BaseCommand):
    help = "Print a new API token for USERNAME (the same kind as the API tokens page makes); audited."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--organisation", default="", metavar="SLUG",
                            help="check that the user may use the API in this organisation")
        parser.add_argument("--name", default="", help="what the token is for, as listed on the tokens page")

    def handle(self, *args, username: str, organisation: str = "", name: str = "", **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user called {username!r}.")
        if not user.is_active:
            raise CommandError(f"The user {username!r} is deactivated: an API token would not work.")
        organisation_id = None
        if organisation:
            found = services.get_organisation(organisation)
            if found is None:
                raise CommandError(f"There is no organisation with the slug {organisation!r}.")
            access = services.access_for(user, organisation)
            if access is None:
                raise CommandError(f"{username!r} is not a member of {organisation!r}.")
            if not access.can(perm.USE_API):
                raise CommandError(f"{username!r} is a {access.role} in {organisation!r}, a role that cannot use the API.")
            organisation_id = found.pk
        elif not services.may_use_api(user):
            raise CommandError(f"{username!r} has no role, in any organisation, that may use the API.")
        name = (name or f"Issued by manage.py issue_api_token on {timezone.localdate():%Y-%m-%d}")[:100]
        with transaction.atomic():
            token = services.create_api_token(user, name)
            audit("api_token.issue_command", actor="manage.py issue_api_token", organisation_id=organisation_id,
                  subject=f"user:{user.pk}", detail={"username": user.get_username(), "name": name,
                                                     "organisation": organisation})
        self.stderr.write(f"A new API token for {username} (shown once; only its hash is kept):")
        self.stdout.write(token)

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from home.editorial import REVIEWERS, TRANSLATORS, WRITERS, ensure_editorial_setup

PASSWORD = "besancon-dev"  # noqa: S105 - local development accounts only
#: username → (group, what the account is for); ``admin`` is a superuser, in no group.
ACCOUNTS = {
    "admin": (None, "administration, tous les droits"),
    "redaction": (WRITERS, "écrit et soumet, ne publie pas"),
    "validation": (REVIEWERS, "relit, approuve, publie, programme, dépublie"),
    "traduction": (TRANSLATORS, "traduit en anglais et en allemand et soumet, ne publie pas"),
}


class Command(BaseCommand):
    help = (
        "Creates the local accounts used by `make run`: the administrator and one per editorial group "
        "(development only)."
    )

    def handle(self, *args, **options):
        # DEBUG is False in the test and production settings: these passwords are public.
        if not settings.DEBUG or (settings.SETTINGS_MODULE or "").endswith(".production"):
            raise CommandError("Ces comptes ne sont créés qu'en développement (DEBUG=True).")
        groups, _workflow = ensure_editorial_setup()
        users = get_user_model().objects
        # `PORT=8001 make run` serves on 8001: the address printed is the one served.
        port = os.environ.get("PORT") or "8000"
        self.stdout.write(
            self.style.SUCCESS(f"Administration : http://127.0.0.1:{port}/admin/ (comptes locaux de développement)")
        )
        for username, (group_name, role) in ACCOUNTS.items():
            user, _created = users.get_or_create(username=username, defaults={"email": f"{username}@example.com"})
            user.is_staff = group_name is None
            user.is_superuser = group_name is None
            user.set_password(PASSWORD)
            user.save()
            user.groups.set([groups[group_name]] if group_name else [])
            label = f"groupe « {group_name} »" if group_name else "superutilisateur"
            self.stdout.write(f"  « {username} » / « {PASSWORD} » — {label} : {role}")

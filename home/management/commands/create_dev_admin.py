from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "besancon-dev"  # noqa: S105 - local development account only


class Command(BaseCommand):
    help = "Creates the local administrator account used by `make run` (development only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Ce compte n'est créé qu'en développement (DEBUG=True).")
        user, _created = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"email": "admin@example.com"}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(PASSWORD)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Administration : http://127.0.0.1:8000/admin/ — identifiant « {USERNAME} », "
                f"mot de passe « {PASSWORD} » (compte local de développement)."
            )
        )

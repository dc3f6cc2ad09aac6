from django.core.management.base import BaseCommand

from home.editorial import ensure_editorial_setup


class Command(BaseCommand):
    help = "Creates the groups Rédaction, Validation, Traduction and the « Relecture » workflow."

    def handle(self, *args, **options):
        groups, workflow = ensure_editorial_setup()
        self.stdout.write(
            self.style.SUCCESS(f"Groupes {', '.join(groups)} et circuit « {workflow.name} » en place.")
        )

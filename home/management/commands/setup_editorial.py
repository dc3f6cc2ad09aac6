from django.core.management.base import BaseCommand

from home.editorial import ensure_editorial_setup


class Command(BaseCommand):
    help = (
        "Creates the groups Rédaction, Validation, Traduction and the « Relecture » workflow (pages and "
        "snippets); run again after a language tree is added."
    )

    def handle(self, *args, **options):
        groups, workflow = ensure_editorial_setup()
        self.stdout.write(self.style.SUCCESS(f"Groupes {', '.join(groups)} et circuit « {workflow.name} » en place."))

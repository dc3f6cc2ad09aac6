from django.core.management.base import BaseCommand

from demo.loader import load_all


class Command(BaseCommand):
    help = "Builds (or brings up to date) the demo site from the data files of each app. Idempotent."

    def handle(self, *args, **options):
        loader = load_all(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"Contenu de démonstration chargé : {loader.created} page(s) créée(s), "
                f"{loader.updated} mise(s) à jour."
            )
        )

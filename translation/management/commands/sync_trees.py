from django.core.management.base import BaseCommand

from translation.trees import ensure_synchronised_trees


class Command(BaseCommand):
    help = (
        "Creates the locales of LANGUAGES, synchronises the English and German trees from the French "
        "one (wagtail-localize) and gives every French page its copy there. Safe to run again."
    )

    def handle(self, *args, **options):
        for code, count in ensure_synchronised_trees().items():
            self.stdout.write(f"{code} : {count} page(s)")

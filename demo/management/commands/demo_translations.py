from django.core.management.base import BaseCommand

from demo.translations import update_catalogues


class Command(BaseCommand):
    help = (
        "Adds the French strings of the demo content that its PO files (<app>/demo_data/locale/) "
        "do not have yet, for translators to fill; the demo loader imports them."
    )

    def handle(self, *args, **options):
        for (app_label, code), (strings, new) in sorted(update_catalogues().items()):
            self.stdout.write(f"{app_label}/demo_data/locale/{code}.po : {strings} chaîne(s), {new} nouvelle(s)")

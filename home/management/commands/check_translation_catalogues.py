import shutil
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

LANGUAGES = ["en", "de"]
MAKEMESSAGES_OPTIONS = {
    "locale": LANGUAGES,
    "ignore_patterns": [".venv", "tests", "collected-static", "media"],
    "no_location": True,
    "no_obsolete": True,
    "verbosity": 0,
}


def compare(committed_dir, extracted_dir):
    """Problems of the committed catalogues against freshly extracted ones."""
    problems = []
    names = sorted(
        {p.relative_to(d) for d in (committed_dir, extracted_dir) for p in d.glob("*/LC_MESSAGES/*.po")}
    )
    for name in names:
        committed, extracted = (
            [e for e in polib.pofile(str(d / name)) if not e.obsolete] if (d / name).exists() else []
            for d in (committed_dir, extracted_dir)
        )
        old = {(e.msgctxt, e.msgid, e.msgid_plural) for e in committed}
        new = {(e.msgctxt, e.msgid, e.msgid_plural) for e in extracted}
        problems += [f"{name}: missing {key[1]!r}" for key in sorted(new - old, key=str)]
        problems += [f"{name}: stale {key[1]!r}" for key in sorted(old - new, key=str)]
        problems += [f"{name}: fuzzy {e.msgid!r}" for e in committed if "fuzzy" in e.flags]
        problems += [
            f"{name}: untranslated {e.msgid!r}"
            for e in committed
            if not e.translated() and "fuzzy" not in e.flags
        ]
    return problems


class Command(BaseCommand):
    help = (
        "Fails when locale/ does not hold exactly the interface strings of the code, each "
        "translated into English and German. locale/ is left as it was."
    )

    def handle(self, *args, **options):
        locale_dir = Path(settings.LOCALE_PATHS[0])
        with tempfile.TemporaryDirectory() as tmp:
            committed = Path(tmp) / "committed"
            shutil.copytree(locale_dir, committed)
            try:
                call_command("makemessages", **MAKEMESSAGES_OPTIONS)
                problems = compare(committed, locale_dir)
            finally:
                shutil.rmtree(locale_dir)
                shutil.copytree(committed, locale_dir)
        if problems:
            raise CommandError(
                "Translation catalogues out of date (see docs/translation.md):\n" + "\n".join(problems)
            )
        self.stdout.write(self.style.SUCCESS("Translation catalogues are up to date."))

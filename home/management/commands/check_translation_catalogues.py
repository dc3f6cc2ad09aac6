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
    names = sorted({p.relative_to(d) for d in (committed_dir, extracted_dir) for p in d.glob("*/LC_MESSAGES/*.po")})
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
            f"{name}: untranslated {e.msgid!r}" for e in committed if not e.translated() and "fuzzy" not in e.flags
        ]
    return problems


def check_overrides(overrides_dir, package_dirs):
    """Problems of the French overrides of third-party strings (``locale_overrides/``).

    Each entry must replace a string some installed package's French catalogue holds (else it
    overrides nothing: a package upgrade renamed it, or it was mistyped), and be translated.
    """
    problems = []
    for path in sorted(overrides_dir.glob("*/LC_MESSAGES/*.po")):
        name = path.relative_to(overrides_dir)
        known = {
            (e.msgctxt, e.msgid, e.msgid_plural)
            for package in package_dirs
            if (package / name).exists()
            for e in polib.pofile(str(package / name))
        }
        for e in polib.pofile(str(path)):
            if (e.msgctxt, e.msgid, e.msgid_plural) not in known:
                problems.append(f"{name}: overrides no package's string {e.msgid!r}")
            if not e.translated() or "fuzzy" in e.flags:
                problems.append(f"{name}: untranslated {e.msgid!r}")
    return problems


def package_locale_dirs():
    """The ``locale`` folders of the installed apps (Wagtail's, wagtail-localize's…)."""
    from django.apps import apps

    return [Path(app.path) / "locale" for app in apps.get_app_configs() if (Path(app.path) / "locale").is_dir()]


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
        for overrides_dir in map(Path, settings.LOCALE_PATHS[1:]):
            problems += check_overrides(overrides_dir, package_locale_dirs())
        if problems:
            raise CommandError("Translation catalogues out of date (see docs/translation.md):\n" + "\n".join(problems))
        self.stdout.write(self.style.SUCCESS("Translation catalogues are up to date."))

"""The interface speaks English and German: locale/{en,de}/LC_MESSAGES/django.po, compiled by
``make messages`` (``make test`` and ``make run`` do it first; the .mo files are not committed).
"""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from tests.html import one, soup, text_of

SKIP_LINK = {"fr": "Aller au contenu", "en": "Skip to content", "de": "Zum Inhalt springen"}


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    for language in ("en", "de"):
        folder = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES"
        po, mo = folder / "django.po", folder / "django.mo"
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            pytest.fail(f"{mo} is missing or older than {po.name}: run `make messages`.")


@pytest.mark.parametrize("language", ["en", "de"])
def test_interface_strings_are_translated(language):
    with translation.override(language):
        assert translation.gettext("Aller au contenu") == SKIP_LINK[language]
        assert (
            translation.ngettext("%(counter)s proposition", "%(counter)s propositions", 2) % {"counter": 2}
            == {"en": "2 proposals", "de": "2 Vorschläge"}[language]
        )
    with translation.override("fr"):
        assert translation.gettext("Aller au contenu") == SKIP_LINK["fr"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en", "de"])
def test_home_page_interface_is_in_the_language_of_the_url(client, language):
    # Each tree's home page, with the interface (skip link, html lang) in the language of the URL.
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == language
    skip_link = one(page, "a.skip-link")
    assert (skip_link["href"], text_of(skip_link)) == ("#contenu", SKIP_LINK[language])
    # The home page is translated: its content is in the language of the page too.
    assert one(page, "main").get("lang") is None
    others = [text for other, text in SKIP_LINK.items() if other != language]
    assert len(others) == 2
    for text in others:
        assert text not in response.content.decode()


def _catalogue(directory, entries):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for msgid, msgstr, flags in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=flags))
    path = directory / "en" / "LC_MESSAGES"
    path.mkdir(parents=True)
    po.save(str(path / "django.po"))


def test_catalogue_check_reports_missing_stale_fuzzy_and_untranslated(tmp_path):
    from home.management.commands.check_translation_catalogues import compare

    committed, extracted = tmp_path / "committed", tmp_path / "extracted"
    _catalogue(
        committed,
        [("Accueil", "Home", []), ("Ancien", "Old", []), ("Flou", "Fuzzy", ["fuzzy"]), ("Vide", "", [])],
    )
    _catalogue(extracted, [("Accueil", "", []), ("Nouveau", "", []), ("Flou", "", []), ("Vide", "", [])])
    problems = compare(committed, extracted)
    assert problems == [
        "en/LC_MESSAGES/django.po: missing 'Nouveau'",
        "en/LC_MESSAGES/django.po: stale 'Ancien'",
        "en/LC_MESSAGES/django.po: fuzzy 'Flou'",
        "en/LC_MESSAGES/django.po: untranslated 'Vide'",
    ]
    assert compare(committed, committed)[:1] == ["en/LC_MESSAGES/django.po: fuzzy 'Flou'"]


def test_french_overrides_must_replace_a_string_of_an_installed_package(tmp_path):
    from home.management.commands.check_translation_catalogues import check_overrides, package_locale_dirs

    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Locale"\nmsgstr "Langue"\n\n'
        'msgid "A string no package has"\nmsgstr "Une chaîne inconnue"\n\n'
        'msgid "Locales"\nmsgstr ""\n',
        encoding="utf-8",
    )
    assert check_overrides(tmp_path, package_locale_dirs()) == [
        "fr/LC_MESSAGES/django.po: overrides no package's string 'A string no package has'",
        "fr/LC_MESSAGES/django.po: untranslated 'Locales'",
    ]


def test_the_project_french_overrides_are_read_before_the_packages(settings):

    from django.utils import translation

    from home.management.commands.check_translation_catalogues import check_overrides, package_locale_dirs

    assert check_overrides(Path(settings.LOCALE_PATHS[1]), package_locale_dirs()) == []
    with translation.override("fr"):
        assert translation.gettext("Locale") == "Langue"
        assert translation.gettext("%(setting_type)s updated.") % {"setting_type": "Navigation"} == (
            "Navigation : modifications enregistrées."
        )

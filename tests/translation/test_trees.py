"""The English and German trees: mirrors of the French one, translated through wagtail-localize.

Expected values come from the demo content's data files: the French YAML (tests/seed.py) and
the translators' PO files (``<app>/demo_data/locale/<language>.po``).
"""

import re
from decimal import Decimal
from xml.etree import ElementTree

import polib
import pytest
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from home.models import StandardPage
from programme.models import ProposalPage
from quartiers.models import QuartierPage
from tests.html import one, soup, text_of
from tests.quartiers.utils import french_number
from tests.seed import BASE_DIR, read_seed, seed_translation
from tests.translating import add_french_page

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "de")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
# The section slugs the translators agreed on (the prompt of the PO files, README of docs/translation.md).
SECTION_SLUGS = {
    "en": {"programme": "programme", "quartiers": "neighbourhoods", "culture": "culture", "actualites": "news"},
    "de": {"programme": "programm", "quartiers": "stadtviertel", "culture": "kultur", "actualites": "aktuelles"},
}


def _tree(language_code):
    """``{translation key: (parent's translation key, depth, is a copy)}`` of a language's tree."""
    pages = Page.objects.filter(locale__language_code=language_code, depth__gt=1)
    parents = dict(Page.objects.values_list("path", "translation_key"))
    return {
        page.translation_key: (parents.get(page.path[: -Page.steplen]), page.depth, page.alias_of_id is not None)
        for page in pages
    }


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_each_tree_mirrors_the_french_one(language_code):
    french, other = _tree("fr"), _tree(language_code)
    assert len(french) == 57  # 1 home, 4 sections + 4 standard pages + contact, 2 axes, 19 + 4, 12 + 9, 1
    assert {key: place[:2] for key, place in other.items()} == {key: place[:2] for key, place in french.items()}
    # The demo content is translated in full: no page is left a French copy.
    assert [key for key, (_parent, _depth, is_copy) in other.items() if is_copy] == []


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_section_addresses_are_translated(client, language_code):
    for slug in SECTION_SLUGS[language_code].values():
        response = client.get(f"/{language_code}/{slug}/")
        assert response.status_code == 200, (language_code, slug)
        assert soup(response).html["lang"] == language_code
    # A proposal's slug comes from the translators' file, its history is a translated sub-route.
    proposal = read_seed("programme")["axes"][0]["proposals"][0]
    axis_slug = seed_translation("programme", language_code, read_seed("programme")["axes"][0]["slug"])
    slug = seed_translation("programme", language_code, proposal["slug"])
    url = f"/{language_code}/{SECTION_SLUGS[language_code]['programme']}/{axis_slug}/{slug}/"
    page = soup(client.get(url))
    assert text_of(one(page, "h1")) == seed_translation("programme", language_code, proposal["title"])
    history = {"en": "history/", "de": "verlauf/"}[language_code]
    assert page.select_one(f'main a[href="{url}{history}"]')
    assert client.get(url + history).status_code == 200
    assert client.get(url + "historique/").status_code == 404


def test_a_translated_page_says_where_its_other_languages_are(client):
    url = "/en/neighbourhoods/planoise/"
    page = soup(client.get(url))
    assert page.html["lang"] == "en" and not one(page, "main").has_attr("lang")
    switcher = one(page, "nav.language-selector")
    links = {link["hreflang"]: (link["href"], link["lang"], link.get("aria-current")) for link in switcher.select("a")}
    assert links == {
        "fr": ("/fr/quartiers/planoise/", "fr", None),
        "en": ("/en/neighbourhoods/planoise/", "en", "true"),
        "de": ("/de/stadtviertel/planoise/", "de", None),
    }
    alternates = {link["hreflang"]: link["href"] for link in page.select('head link[rel="alternate"][hreflang]')}
    assert alternates == {
        "fr": "http://testserver/fr/quartiers/planoise/",
        "en": "http://testserver/en/neighbourhoods/planoise/",
        "de": "http://testserver/de/stadtviertel/planoise/",
        "x-default": "http://testserver/fr/quartiers/planoise/",
    }
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    entries = {url.findtext(f"{SITEMAP}loc"): url for url in root.iter(f"{SITEMAP}url")}
    sitemap_alternates = {
        link.get("hreflang"): link.get("href")
        for link in entries["http://127.0.0.1:8000/en/neighbourhoods/planoise/"].iter(f"{XHTML}link")
    }
    assert sitemap_alternates == {
        "fr": "http://127.0.0.1:8000/fr/quartiers/planoise/",
        "en": "http://127.0.0.1:8000/en/neighbourhoods/planoise/",
        "de": "http://127.0.0.1:8000/de/stadtviertel/planoise/",
        "x-default": "http://127.0.0.1:8000/fr/quartiers/planoise/",
    }
    # 57 pages in each of the three trees, each listed once, and the programme's barometer (suivi/).
    assert len(entries) == 3 * (57 + 1)


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/en/programme/",
        "/en/neighbourhoods/",
        "/en/neighbourhoods/planoise/",
        "/en/culture/",
        "/en/culture/citadelle/",
        "/en/news/",
        "/de/programm/",
        "/de/kultur/citadelle/",
    ],
)
def test_links_stay_in_their_tree(client, path):
    language_code = path.split("/")[1]
    page = soup(client.get(path))
    hrefs = [
        link["href"]
        for link in page.select("a[href]")
        if not link.has_attr("hreflang")  # the language switcher leads to the other trees
    ]
    page_links = [href for href in hrefs if re.match(r"^/(fr|en|de)/", href)]
    assert len(page_links) > 10
    assert [href for href in page_links if not href.startswith(f"/{language_code}/")] == []
    # Filters, feeds and exports too.
    forms = [form.get("action", "") for form in page.select("form[action]")]
    assert all(action.startswith(f"/{language_code}/") for action in forms)


def test_numbers_of_a_translated_quartier_equal_the_french_ones(client):
    french = QuartierPage.objects.get(slug="planoise", locale__language_code="fr")
    english = french.get_translation(Locale.objects.get(language_code="en"))
    fields = ("code", "value", "besancon_value", "gbm_value", "year")
    assert list(english.indicators.values_list(*fields)) == list(french.indicators.values_list(*fields))
    # The population written on each page, each in its language's way: « 15 378 » and « 15,378 ».
    seed = next(q for q in read_seed("quartiers")["quartiers"] if q["slug"] == "planoise")
    population = next(i for i in seed["indicators"] if i["code"] == "population")["value"]
    assert french_number(population) in client.get("/fr/quartiers/planoise/").content.decode()
    assert f"{population:,}" in client.get("/en/neighbourhoods/planoise/").content.decode()
    label = seed_translation("quartiers", "en", "Population")
    assert label in text_of(soup(client.get("/en/neighbourhoods/planoise/")))


def test_a_change_in_french_then_a_sync_keeps_the_translated_segments():
    french = ProposalPage.objects.get(reference="P-07", locale__language_code="fr")
    english = french.get_translation(Locale.objects.get(language_code="en"))
    english_title = seed_translation("programme", "en", french.title)
    english_summary = seed_translation("programme", "en", french.summary)
    assert (english.title, english.summary) == (english_title, english_summary)

    french.summary = "Un nouveau chapeau, pas encore traduit."
    french.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(french)
    source.update_from_db()  # what « Synchroniser les pages traduites » does
    translation = Translation.objects.get(source=source, target_locale__language_code="en")
    po = {entry.msgid: entry.msgstr for entry in translation.export_po()}
    assert po["Un nouveau chapeau, pas encore traduit."] == ""  # the changed segment, to translate
    assert po[french.title] == english_title  # the others keep their translation
    total, done = translation.get_progress()
    assert total - done == 1

    # The translator translates it (here by PO import) and updates the page.
    entries = translation.export_po()
    for entry in entries:
        if entry.msgid == "Un nouveau chapeau, pas encore traduit.":
            entry.msgstr = "A new summary."
    assert translation.import_po(entries) == []
    translation.save_target(publish=False)
    english.refresh_from_db()
    english.get_latest_revision().publish()
    english.refresh_from_db()
    assert (english.title, english.summary) == (english_title, "A new summary.")


def test_po_export_then_import_round_trips():
    french = StandardPage.objects.get(slug="a-propos", locale__language_code="fr")
    source = TranslationSource.objects.get_for_instance(french)
    translation = Translation.objects.get(source=source, target_locale__language_code="de")
    exported = translation.export_po()
    assert len(exported) > 3
    assert all(entry.msgstr for entry in exported)
    before = dict(StringTranslation.objects.filter(locale__language_code="de").values_list("pk", "data"))
    reimported = polib.pofile(str(exported))  # through its text, as a translator's file would come back
    assert translation.import_po(reimported) == []
    after = dict(StringTranslation.objects.filter(locale__language_code="de").values_list("pk", "data"))
    assert after == before
    # And the PO file of the demo content holds the same translation of the page's title.
    demo = polib.pofile(str(BASE_DIR / "home" / "demo_data" / "locale" / "de.po"))
    assert {entry.msgid: entry.msgstr for entry in reimported}[french.title] == next(
        entry.msgstr for entry in demo if entry.msgid == french.title
    )


def test_a_new_french_page_appears_in_every_tree_as_a_copy_marked_french(client, home_page):
    page = add_french_page(home_page, StandardPage(title="Nouvelle page", slug="nouvelle-page", summary="En français."))
    for language_code in LANGUAGES:
        copy = page.get_translation(Locale.objects.get(language_code=language_code))
        assert copy.alias_of_id == page.pk
        html = soup(client.get(f"/{language_code}/nouvelle-page/"))
        assert html.html["lang"] == language_code
        assert one(html, "main")["lang"] == "fr"
        notice = one(html, 'main [role="note"]')
        assert notice["lang"] == language_code
    assert text_of(one(soup(client.get("/en/nouvelle-page/")), 'main [role="note"]')) == (
        "This page has not been translated yet: it is shown in French."
    )


def test_a_quartier_not_translated_yet_writes_its_figures_the_french_way(client):
    french = QuartierPage.objects.get(slug="planoise", locale__language_code="fr")
    copy = QuartierPage(title="Planoise bis", slug="planoise-bis", kind=french.kind)
    add_french_page(french.get_parent(), copy)
    copy.indicators.create(
        locale=copy.locale, theme="demographie", code="population", label="Population", value=Decimal("20862"),
        unit="habitants", source="Insee", year="2021",
    )
    copy.save_revision().publish()
    html = client.get("/en/neighbourhoods/planoise-bis/").content.decode()
    assert french_number(20862) in html and "20,862" not in html


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_the_site_texts_and_the_question_form_are_translated(client, language_code):
    seed = read_seed("home")
    footer = " ".join(seed["settings"]["footer_text"].split())
    contact_slug = seed_translation("home", language_code, seed["contact"]["slug"])
    page = soup(client.get(f"/{language_code}/{contact_slug}/"))
    assert text_of(one(page, ".site-footer__text")) == seed_translation("home", language_code, footer)
    labels = [text_of(label) for label in page.select("main form label")]
    for field in seed["contact"]["fields"]:
        assert any(label.startswith(seed_translation("home", language_code, field["label"])) for label in labels)
    # A question asked in English or German is stored under the same field names as in French.
    response = client.post(
        f"/{language_code}/{contact_slug}/",
        {"votre_nom": "Ada", "votre_adresse_electronique": "ada@example.org", "votre_question": "Quand ?"},
    )
    assert response.status_code == 200
    from wagtail.contrib.forms.models import FormSubmission

    submission = FormSubmission.objects.order_by("-pk").first()
    assert submission.page.locale.language_code == language_code
    assert submission.get_data()["votre_question"] == "Quand ?"

"""An identified publisher (issue 11): site settings, the legal pages that show them, no
placeholder address, and the public host name in canonical URLs, feeds and the sitemap."""

import re
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from wagtail.models import Site

from home.models import SiteSettings
from home.site_address import check_site_address
from tests.html import one, soup, text_of

pytestmark = pytest.mark.django_db

PUBLIC = "https://nous-sommes-tous-besancon.fr"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _publisher_rows(client, url):
    page = soup(client.get(url))
    section = one(page, "main .publisher")
    return dict(zip(
        [text_of(dt) for dt in section.select("dt")],
        [" ".join(dd.stripped_strings) for dd in section.select("dd")],
        strict=True,
    ))


def test_the_demo_says_it_is_a_demonstration_rather_than_inventing_a_publisher(client):
    assert _publisher_rows(client, "/fr/mentions-legales/") == {
        "Éditeur": "Démonstration : aucun éditeur n'est déclaré pour ce site",
        "Directeur ou directrice de la publication": "Démonstration : non désigné",
        "Hébergeur": "Démonstration : aucun hébergeur (le site est servi par la machine qui le fait tourner)",
        "Adresse postale": "Démonstration : pas d'adresse postale (Besançon, Doubs)",
        "Courriel": "pas d'adresse publiée : écrivez-nous par le formulaire de contact",
    }


def test_what_the_team_fills_in_the_settings_is_what_the_pages_show(client):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.publisher = "Association Nous sommes tous Besançon"
    settings.publication_director = "Camille Martin"
    settings.host_name = "Hébergeur SAS"
    settings.host_address = "1 rue de l'Hébergement\n75000 Paris"
    settings.contact_email = "redaction@nous-sommes-tous-besancon.fr"
    settings.postal_address = "2 place du Huit-Septembre\n25000 Besançon"
    settings.save()
    expected = {
        "Éditeur": "Association Nous sommes tous Besançon",
        "Directeur ou directrice de la publication": "Camille Martin",
        "Hébergeur": "Hébergeur SAS 1 rue de l'Hébergement 75000 Paris",
        "Adresse postale": "2 place du Huit-Septembre 25000 Besançon",
        "Courriel": "redaction@nous-sommes-tous-besancon.fr",
    }
    assert _publisher_rows(client, "/fr/mentions-legales/") == expected
    assert _publisher_rows(client, "/fr/donnees-personnelles/") == expected
    english = _publisher_rows(client, "/en/legal-notice/")
    assert english["Publisher"] == "Association Nous sommes tous Besançon"
    footer = one(soup(client.get("/fr/")), "footer address")
    assert " ".join(footer.stripped_strings) == (
        "Association Nous sommes tous Besançon 2 place du Huit-Septembre 25000 Besançon "
        "redaction@nous-sommes-tous-besancon.fr"
    )


@pytest.mark.parametrize("url", ["/fr/", "/fr/contact/", "/fr/mentions-legales/", "/en/", "/de/"])
def test_no_placeholder_address_anywhere(client, url):
    html = client.get(url).content.decode()
    assert "example.org" not in html
    assert "example.com" not in html


def test_the_legal_pages_have_the_sections_french_law_asks_for(client):
    headings = {
        url: [text_of(h2) for h2 in soup(client.get(url)).select("main h2")]
        for url in ("/fr/mentions-legales/", "/fr/donnees-personnelles/", "/fr/accessibilite/")
    }
    assert headings["/fr/mentions-legales/"] == [
        "Éditeur, directeur de la publication et hébergeur",
        "Réutilisation des contenus",
        "Sources",
    ]
    assert headings["/fr/donnees-personnelles/"] == [
        "Éditeur, directeur de la publication et hébergeur",
        "Responsable du traitement",
        "Ce que nous collectons, et pourquoi",
        "Qui les lit",
        "Combien de temps nous les gardons",
        "Vos droits",
    ]
    assert headings["/fr/accessibilite/"] == [
        "État de conformité",
        "Vérifications réalisées",
        "Contenus non accessibles",
        "Retour d'information et contact",
        "Voies de recours",
    ]


def test_the_accessibility_statement_says_its_status_method_and_recourse(client):
    main = one(soup(client.get("/fr/accessibilite/")), "main")
    text = text_of(main)
    assert "Ce site est non conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1" in text
    assert "Date de la dernière vérification : 2 décembre 2026." in text
    assert "axe-core 4.14 (règles WCAG 2.1 niveaux A et AA). Résultat : aucune erreur relevée." in text
    assert "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07" in text
    links = {a["href"] for a in main.select("a[href]")}
    assert {"https://formulaire.defenseurdesdroits.fr/", "https://www.defenseurdesdroits.fr/carte-des-delegues"} <= links
    privacy = one(soup(client.get("/fr/donnees-personnelles/")), "main")
    assert one(privacy, 'a[href="https://www.cnil.fr/fr/plaintes"]')
    assert "L'adresse IP qui sert à limiter les envois répétés n'est gardée que dix minutes." in text_of(privacy)


def test_the_english_and_german_statements_are_translated(client):
    assert text_of(one(soup(client.get("/en/accessibility/")), "main h1")) == "Accessibility statement"
    assert text_of(one(soup(client.get("/de/barrierefreiheit/")), "main h1")) == "Erklärung zur Barrierefreiheit"


def test_the_about_page_says_what_is_true_of_the_translations(client):
    text = text_of(one(soup(client.get("/fr/a-propos/")), "main"))
    assert "Ses pages sont traduites en anglais et en allemand à partir de la version française" in text
    assert "Ce site est une démonstration : aucun éditeur réel n'est encore déclaré." in text


def test_canonical_urls_feeds_and_sitemap_use_the_public_host(client, settings):
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    assert [warning.id for warning in check_site_address()] == ["home.W001"]
    call_command("set_site_address")
    assert check_site_address() == []
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("nous-sommes-tous-besancon.fr", 443, PUBLIC)

    page = soup(client.get("/fr/programme/"))
    assert one(page, 'link[rel="canonical"]')["href"] == PUBLIC + "/fr/programme/"
    sitemap = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
    assert len(locations) > 50
    assert [loc for loc in locations if not loc.startswith(PUBLIC + "/")] == []
    robots = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in robots
    atom = client.get("/fr/programme/flux/atom/").content.decode()
    ids = re.findall(r"<id>([^<]+)</id>", atom)
    assert len(ids) > 10
    assert [i for i in ids[1:] if not i.startswith(PUBLIC + "/")] == []
    assert "127.0.0.1" not in atom


def test_a_local_address_leaves_the_site_alone(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    assert check_site_address() == []
    with pytest.raises(Exception, match="names no public host"):
        call_command("set_site_address")

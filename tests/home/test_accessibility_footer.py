"""The RGAA compliance status in every page's footer (issue 11), linking the accessibility
statement, from the same site setting in every language."""

import pytest

from home.models import SiteSettings
from tests.html import one, soup, text_of

pytestmark = pytest.mark.django_db


def _status(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    paragraph = one(soup(response), "footer .site-footer__accessibility")
    link = paragraph.select_one("a")
    return text_of(paragraph), link["href"] if link else None


@pytest.mark.parametrize("url", ["/fr/", "/fr/quartiers/planoise/", "/fr/programme/", "/fr/accessibilite/"])
def test_every_french_page_says_the_site_is_not_compliant_and_links_the_statement(client, url):
    assert _status(client, url) == ("Accessibilité : non conforme", "/fr/accessibilite/")


def test_the_statement_says_the_same_status(client):
    main = text_of(one(soup(client.get("/fr/accessibilite/")), "main"))
    assert "Ce site est non conforme avec le référentiel général d'amélioration de l'accessibilité" in main


@pytest.mark.parametrize(
    "prefix, expected", [("/en/", "Accessibility: not compliant"), ("/de/", "Barrierefreiheit: nicht konform")]
)
def test_the_status_is_translated_and_links_the_translated_statement(client, prefix, expected):
    text, href = _status(client, prefix)
    assert text == expected
    assert href.startswith(prefix) and href != "/fr/accessibilite/"
    assert client.get(href).status_code == 200


def test_the_footer_follows_the_setting(client):
    settings = SiteSettings.objects.get()
    settings.accessibility_status = "partiellement-conforme"
    settings.save()
    assert _status(client, "/fr/a-propos/") == ("Accessibilité : partiellement conforme", "/fr/accessibilite/")
    settings.accessibility_statement = None
    settings.save()
    assert _status(client, "/fr/a-propos/") == ("Accessibilité : partiellement conforme", None)

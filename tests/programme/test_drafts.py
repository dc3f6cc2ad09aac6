"""A draft change to a proposal appears nowhere public."""

import pytest

from programme.models import ProposalPage, ProposalQuartier, ProposalTheme, Theme
from quartiers.models import QuartierPage

from .helpers import atom_entries, csv_rows, json_data, references_in_titles, rss_items

pytestmark = pytest.mark.django_db

SECRET = "Zanzibarique"


@pytest.fixture
def drafted(proposal):
    """P-04 with an unpublished draft: new title, summary, body, theme, quartier, flagship."""
    page = ProposalPage.objects.get(pk=proposal.pk)
    page.title = f"Titre {SECRET}"
    page.summary = f"Chapeau {SECRET}"
    page.body = [("paragraph", f"<p>Texte {SECRET}</p>")]
    page.flagship = True
    page.theme_links.add(ProposalTheme(theme=Theme.objects.get(slug="sport", locale=page.locale)))
    page.quartier_links.add(ProposalQuartier(quartier=QuartierPage.objects.get(slug="planoise", locale=page.locale)))
    page.save_revision()
    page = ProposalPage.objects.get(pk=proposal.pk)
    assert page.has_unpublished_changes and page.title != f"Titre {SECRET}"
    return page


def _urls(page):
    index = "/fr/programme/"
    return [
        "/fr/",
        index,
        index + "?theme=sport",
        index + "?quartier=planoise",
        index + "?phare=oui",
        "/fr/programme/une-ville-rayonnante/",
        page.url,
        page.url + "historique/",
        page.url + "historique/?de=1&a=1",
        index + "export/csv/",
        index + "export/json/",
        index + "flux/rss/",
        index + "flux/atom/",
        "/fr/quartiers/planoise/",
        "/fr/culture/cite-des-arts/",
        "/api/v2/pages/?type=programme.ProposalPage&fields=*&limit=20",
        f"/api/v2/pages/{page.pk}/",
        "/sitemap.xml",
    ]


def _search_finds_nothing(client):
    """The site search echoes the query, so look at its results only."""
    response = client.get("/fr/recherche/", {"q": SECRET})
    assert response.status_code == 200
    assert response.context["outcome"].count == 0


def test_draft_change_appears_nowhere_public(client, drafted):
    for url in _urls(drafted):
        response = client.get(url)
        assert response.status_code in (200, 302), url
        content = response.content.decode()
        assert SECRET not in content, url
    _search_finds_nothing(client)


def test_draft_relations_do_not_change_filters_exports_or_feeds(client, drafted):
    assert "P-04" not in references_in_titles(
        e["title"] for e in atom_entries(client.get("/fr/programme/flux/atom/", {"theme": "sport"}))
    )
    assert "P-04" not in references_in_titles(
        i["title"] for i in rss_items(client.get("/fr/programme/flux/rss/", {"quartier": "planoise"}))
    )
    assert "P-04" not in {r["reference"] for r in csv_rows(client.get("/fr/programme/export/csv/", {"phare": "oui"}))}
    item = next(i for i in json_data(client.get("/fr/programme/export/json/"))["proposals"] if i["reference"] == "P-04")
    assert item["flagship"] is False
    assert "sport" not in {t["slug"] for t in item["themes"]}
    assert item["quartiers"] == []


def test_a_never_published_proposal_appears_nowhere(client, axis, make_proposal):
    page = make_proposal(axis, f"Proposition {SECRET}", publish=False, themes=["sport"])
    for url in _urls(ProposalPage.objects.get(reference="P-04", locale__language_code="fr")):
        assert SECRET not in client.get(url).content.decode(), url
    _search_finds_nothing(client)
    assert client.get(f"/fr/programme/{page.reference}/").status_code == 404
    assert client.get(page.url or "/fr/programme/une-ville-rayonnante/" + page.slug + "/").status_code == 404

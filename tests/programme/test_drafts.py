"""A draft change to a proposal's relations changes no public filter, export or feed (that its
text appears nowhere public is a row of the leak matrix, tests/test_leaks.py)."""

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

"""CSV and JSON exports and RSS/Atom feeds: exactly the live proposals and open questions, filters honoured."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from programme.models import ProposalPage

from .conftest import edit_and_publish
from .helpers import ATOM, atom_entries, csv_rows, json_data, references_in_titles, rss_items

pytestmark = pytest.mark.django_db

INDEX = "/fr/programme/"
SEED_REFERENCES = {f"P-{n:02d}" for n in range(1, 20)}  # the 19 proposals of programme.yaml
# The 4 open questions of programme.yaml (seed 000), in the order of the page tree.
SEED_QUESTIONS = [
    "Concilier économie de l'espace et développement économique",
    "Une politique sportive de haut niveau",
    "Faire de la Citadelle le phare du Grand Besançon",
    "Faire du centre-ville et de Battant un bien commun métropolitain",
]
QUESTION = "Question ouverte"


def proposal_rows(rows):
    return [row for row in rows if row["type"] == "proposal"]


def proposal_references(titles):
    return references_in_titles(title for title in titles if not title.startswith(QUESTION + " — "))
# The columns documented in docs/open-data.md, in order.
COLUMNS = [
    "type", "reference", "title", "summary", "axis", "themes", "quartiers", "places", "flagship",
    "status", "status_label", "status_date", "status_justification", "progress_value", "progress_target",
    "progress_unit", "milestones", "url", "first_published_at", "last_published_at",
]


def _make_changes(axis, make_proposal):
    """One new live proposal, one never published, one unpublished."""
    new = make_proposal(axis, "Une proposition toute neuve", themes=["sport"])
    draft = make_proposal(axis, "Une proposition jamais publiée", publish=False)
    withdrawn = ProposalPage.objects.get(reference="P-03", locale__language_code="fr")
    withdrawn.unpublish()
    return new, draft, withdrawn


def test_csv_holds_exactly_the_live_proposals(client, axis, make_proposal):
    new, draft, withdrawn = _make_changes(axis, make_proposal)
    response = client.get(INDEX + "export/csv/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="propositions.csv"' in response["Content-Disposition"]
    all_rows = csv_rows(response)
    assert list(all_rows[0].keys()) == COLUMNS
    # The open questions follow the proposals, with their type and no reference.
    assert [(r["type"], r["reference"], r["title"]) for r in all_rows[19:]] == [
        ("open-question", "", title) for title in SEED_QUESTIONS
    ]
    rows = proposal_rows(all_rows)
    assert {row["type"] for row in rows} == {"proposal"}
    references = {row["reference"] for row in rows}
    assert references == SEED_REFERENCES - {"P-03"} | {new.reference}
    assert new.reference == "P-20"
    assert draft.reference not in references and "P-03" not in references
    assert len(rows) == len(references) == 19


def test_csv_columns_content(client):
    rows = {row["reference"]: row for row in proposal_rows(csv_rows(client.get(INDEX + "export/csv/")))}
    art = rows["P-04"]
    assert art["title"] == "Faire entrer Besançon dans l'art moderne et contemporain"
    assert art["axis"] == "Une ville rayonnante"
    assert art["themes"] == "Culture et patrimoine | Cadre de vie et centre-ville"
    assert "Cité des Arts" in art["places"].split(" | ")
    assert art["flagship"] == "false"
    assert art["url"] == "http://127.0.0.1:8000/fr/programme/une-ville-rayonnante/art-moderne-et-contemporain/"
    assert art["first_published_at"].startswith("20") and art["last_published_at"]
    assert rows["P-06"]["flagship"] == "true"
    assert "Planoise" in rows["P-08"]["quartiers"].split(" | ")


def test_json_holds_exactly_the_live_proposals(client, axis, make_proposal):
    new, draft, withdrawn = _make_changes(axis, make_proposal)
    data = json_data(client.get(INDEX + "export/json/"))
    references = [item["reference"] for item in data["proposals"] if item["type"] == "proposal"]
    assert set(references) == SEED_REFERENCES - {"P-03"} | {new.reference}
    assert draft.reference not in references
    assert len(references) == len(set(references)) == 19
    assert [i["title"] for i in data["proposals"] if i["type"] == "open-question"] == SEED_QUESTIONS
    assert data["count"] == 19 + 4
    item = next(i for i in data["proposals"] if i["reference"] == new.reference)
    assert item["themes"] == [{"slug": "sport", "name": "Sport"}]
    assert set(item) == set(COLUMNS)
    budget = next(i for i in data["proposals"] if i["reference"] == "P-08")
    assert {"slug": "planoise", "title": "Planoise", "url": "http://127.0.0.1:8000/fr/quartiers/planoise/"} in budget["quartiers"]
    assert budget["axis"] == {"slug": "avec-et-pour-les-citoyens", "title": "Avec et pour les citoyens"}
    assert budget["flagship"] is True


@pytest.mark.parametrize(
    "query, expected, questions",
    [
        ({"phare": "oui"}, {"P-06", "P-07", "P-08", "P-09", "P-10", "P-11"}, []),
        ({"axe": "une-ville-rayonnante"}, {"P-01", "P-02", "P-03", "P-04", "P-05"}, SEED_QUESTIONS),
        ({"theme": "environnement"}, {"P-14"}, [SEED_QUESTIONS[0]]),
        ({"theme": "sport"}, set(), ["Une politique sportive de haut niveau"]),
        ({"quartier": "battant", "phare": "oui"}, {"P-08"}, []),
        ({"quartier": "battant"}, {"P-08", "P-12", "P-13", "P-17"}, [SEED_QUESTIONS[3]]),
        ({"lieu": "maison-foret-chailluz"}, {"P-14"}, []),
    ],
)
def test_index_filters_apply_to_exports_and_feeds(client, query, expected, questions):
    rows = csv_rows(client.get(INDEX + "export/csv/", query))
    assert {r["reference"] for r in proposal_rows(rows)} == expected
    assert [r["title"] for r in rows if r["type"] == "open-question"] == questions
    data = json_data(client.get(INDEX + "export/json/", query))
    assert {i["reference"] for i in data["proposals"] if i["type"] == "proposal"} == expected
    assert [i["title"] for i in data["proposals"] if i["type"] == "open-question"] == questions
    assert data["filters"] == query
    rss = rss_items(client.get(INDEX + "flux/rss/", query))
    atom = atom_entries(client.get(INDEX + "flux/atom/", query))
    assert proposal_references(i["title"] for i in rss) == expected
    assert proposal_references(e["title"] for e in atom) == expected
    asked = {f"{QUESTION} — {title}" for title in questions}
    assert {i["title"] for i in rss if i["title"].startswith(QUESTION)} == asked
    assert {e["title"] for e in atom if e["title"].startswith(QUESTION)} == asked


def test_an_open_question_in_the_exports_and_feeds(client):
    (row,) = csv_rows(client.get(INDEX + "export/csv/", {"theme": "sport"}))
    assert row["type"] == "open-question"
    assert row["title"] == "Une politique sportive de haut niveau"
    assert row["axis"] == "Une ville rayonnante" and row["themes"] == "Sport"
    assert row["reference"] == row["status"] == row["milestones"] == "" and row["flagship"] == "false"
    assert row["url"] == "http://127.0.0.1:8000/fr/programme/une-ville-rayonnante/sport-de-haut-niveau/"
    (item,) = rss_items(client.get(INDEX + "flux/rss/", {"theme": "sport"}))
    assert item["title"] == "Question ouverte — Une politique sportive de haut niveau"
    assert item["categories"] == ["Question ouverte", "Sport"]


@pytest.mark.parametrize("suffix", ["export/csv/", "export/json/", "flux/rss/", "flux/atom/"])
@pytest.mark.parametrize("query", [{"theme": "inconnu"}, {"phare": "peut-être"}, {"quartier": "\x00" * 3}])
def test_unknown_filter_is_a_clear_400(client, suffix, query):
    response = client.get(INDEX + suffix, query)
    assert response.status_code == 400
    text = response.content.decode()
    assert text.startswith("Filtre refusé")
    assert "docs/open-data.md" in text
    (value,) = query.values()
    assert f"« {value} »" in text


def test_feeds_hold_exactly_the_live_proposals(client, axis, make_proposal):
    new, draft, withdrawn = _make_changes(axis, make_proposal)
    rss = rss_items(client.get(INDEX + "flux/rss/"))
    atom = atom_entries(client.get(INDEX + "flux/atom/"))
    expected = SEED_REFERENCES - {"P-03"} | {new.reference}
    assert draft.reference not in expected
    assert proposal_references(i["title"] for i in rss) == expected
    assert proposal_references(e["title"] for e in atom) == expected
    assert len(rss) == len(atom) == 19 + 4
    # Newest publication first.
    assert atom[0]["title"] == f"{new.reference} — {new.title}"
    assert atom[0]["link"] == f"http://testserver{new.url}"


def test_updated_proposal_rises_to_the_top_of_the_feed(client):
    page = ProposalPage.objects.get(reference="P-02", locale__language_code="fr")
    edit_and_publish(page, summary="Chapeau mis à jour.")
    entries = atom_entries(client.get(INDEX + "flux/atom/"))
    assert entries[0]["title"].startswith("P-02 — ")
    rss = rss_items(client.get(INDEX + "flux/rss/"))
    assert rss[0]["title"].startswith("P-02 — ")
    assert "Savoirs et numérique" in rss[0]["categories"]
    # Atom says both: first published, last updated.
    page.refresh_from_db()
    entry = ET.fromstring(client.get(INDEX + "flux/atom/").content).find(f"{ATOM}entry")
    assert datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}published")) == page.first_published_at
    assert datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) == page.last_published_at
    assert page.first_published_at < page.last_published_at


def test_feed_per_theme_and_per_quartier(client):
    theme_feed = atom_entries(client.get(INDEX + "flux/atom/", {"theme": "culture-et-patrimoine"}))
    assert references_in_titles(e["title"] for e in theme_feed) == {
        "P-02", "P-04", "P-05", "P-16", "Question ouverte",
    }
    assert proposal_references(e["title"] for e in theme_feed) == {"P-02", "P-04", "P-05", "P-16"}
    quartier_feed = rss_items(client.get(INDEX + "flux/rss/", {"quartier": "planoise"}))
    assert references_in_titles(i["title"] for i in quartier_feed) == {"P-08", "P-12", "P-13", "P-17"}


def test_feed_content_types_and_titles(client):
    rss = client.get(INDEX + "flux/rss/", {"quartier": "planoise"})
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert ET.fromstring(rss.content).findtext("channel/title") == "Propositions — Nous sommes tous Besançon (Planoise)"
    atom = client.get(INDEX + "flux/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")


def test_a_live_proposal_never_published_from_the_admin_comes_last_in_the_feeds(client):
    # A page made by a script or an import is live with no publication date: the feeds still
    # answer, and list it after every dated one (on SQLite NULL sorts last, on PostgreSQL first).
    ProposalPage.objects.filter(reference="P-05").update(first_published_at=None, last_published_at=None)
    atom = client.get(INDEX + "flux/atom/")
    rss = client.get(INDEX + "flux/rss/")
    assert (atom.status_code, rss.status_code) == (200, 200)
    assert atom_entries(atom)[-1]["title"].startswith("P-05 — ")
    assert rss_items(rss)[-1]["title"].startswith("P-05 — ")

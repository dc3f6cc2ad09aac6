"""The follow-up of the proposals: statuses, milestones, the barometer, exports, feeds and API.

The fixture gives seven proposals every status but « à l'étude » and P-08 three milestones; the
expected numbers below are counted by hand from that table and from programme.yaml.
"""

import datetime
import re
from decimal import Decimal

import pytest

from programme.models import ProposalIndicator, ProposalMilestone, ProposalPage, ProposalStatus
from tests.html import one, soup, text_of, texts
from tests.seed import read_seed, seed_proposals

from .helpers import atom_entries, csv_rows, json_data, rss_items

pytestmark = pytest.mark.django_db

INDEX = "/fr/programme/"
BAROMETER = "/fr/programme/suivi/"

#: reference → (status, justification); every other proposal stays « à l'étude ».
FOLLOW_UP = {
    "P-01": ("committed", "Le conseil municipal a voté l'étude de faisabilité du pôle."),
    "P-02": ("in-progress", "Le chantier de la Cité des Savoirs a commencé."),
    "P-04": ("done", "Le lieu d'art contemporain a ouvert ses portes."),
    "P-08": ("partly-done", "Trois quartiers sur six ont reçu leur budget participatif."),
    "P-12": ("postponed", "Le renouvellement des conseils attend la fin des travaux de la mairie."),
    "P-13": ("abandoned", "Le budget des conseils de quartier a été fondu dans le budget participatif."),
    "P-17": ("in-progress", "Les deux premiers médiateurs ont été recrutés."),
}
# P-08's milestones, in the order the editor typed them (not the order of their dates).
MILESTONES = [
    {"title": "Vote du règlement du budget", "planned_date": datetime.date(2027, 1, 15)},
    {"title": "Premier quartier doté", "actual_date": datetime.date(2026, 6, 1), "text": "Planoise d'abord."},
    {
        "title": "Délibération du conseil municipal",
        "planned_date": datetime.date(2026, 2, 1),
        "actual_date": datetime.date(2026, 3, 10),
        "evidence_url": "https://www.besancon.fr/deliberation-budget-participatif",
    },
]
# The order of the timeline: by date, done or planned.
TIMELINE_TITLES = ["Délibération du conseil municipal", "Premier quartier doté", "Vote du règlement du budget"]
STATUS_LABELS = [
    "À l'étude",
    "Engagée",
    "En cours",
    "Réalisée",
    "Partiellement réalisée",
    "Reportée",
    "Abandonnée",
]


def apply_follow_up(reference, status, justification, *, milestones=(), publish=True, **fields):
    page = ProposalPage.objects.get(reference=reference, locale__language_code="fr")
    page.status = status
    page.status_date = datetime.date(2026, 9, 1)
    page.status_justification = justification
    for name, value in fields.items():
        setattr(page, name, value)
    if milestones:
        page.milestones = [ProposalMilestone(sort_order=i, **m) for i, m in enumerate(milestones)]
    revision = page.save_revision()
    if publish:
        revision.publish()
    return ProposalPage.objects.get(pk=page.pk)


@pytest.fixture
def followed(db):
    for reference, (status, justification) in FOLLOW_UP.items():
        extra = {}
        if reference == "P-08":
            extra = {
                "milestones": MILESTONES,
                "progress_value": Decimal(3),
                "progress_target": Decimal(6),
                "progress_unit": "quartiers dotés d'un budget participatif",
            }
        apply_follow_up(reference, status, justification, **extra)
    return ProposalPage.objects.get(reference="P-08", locale__language_code="fr")


def _table(section):
    """``{row header: [cell texts]}`` of a table."""
    return {
        text_of(row.select_one("th")): [text_of(cell) for cell in row.select("td")]
        for row in section.select("tbody tr")
    }


# -- the model ------------------------------------------------------------------------------------


def test_the_status_list_is_fixed_and_documented():
    assert [label for _value, label in ProposalStatus.choices] == STATUS_LABELS
    values = [value for value, _label in ProposalStatus.choices]
    assert values == ["under-study", "committed", "in-progress", "done", "partly-done", "postponed", "abandoned"]
    with open("docs/open-data.md", encoding="utf-8") as doc:
        text = doc.read()
    for value, label in zip(values, STATUS_LABELS, strict=True):
        assert f"`{value}`" in text and label in text, value


def test_every_demo_proposal_starts_under_study(client):
    pages = ProposalPage.objects.filter(locale__language_code="fr")
    assert pages.count() == len(seed_proposals()) == 19
    assert set(pages.values_list("status", flat=True)) == {"under-study"}
    assert not ProposalMilestone.objects.exists()
    main = one(soup(client.get("/fr/programme/une-ville-rayonnante/art-moderne-et-contemporain/")), "main")
    section = one(main, "section#suivi")
    assert text_of(one(section, ".status-badge")) == "Statut : À l'étude"
    assert "Le programme n'est pas encore mis en œuvre : cette proposition est à l'étude" in text_of(section)


def test_milestones_need_a_date_and_a_photo_needs_its_alt_text():
    from django.core.exceptions import ValidationError

    milestone = ProposalMilestone(title="Sans date")
    with pytest.raises(ValidationError) as error:
        milestone.clean()
    assert "planned_date" in error.value.message_dict


def test_progress_needs_a_unit_and_cannot_pass_its_target(proposal):
    from django.core.exceptions import ValidationError

    page = ProposalPage.objects.get(pk=proposal.pk)
    page.progress_value = Decimal(2)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "progress_unit" in error.value.message_dict
    page.progress_unit = "lieux"
    page.progress_target = Decimal(1)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert error.value.message_dict["progress_value"] == ["La valeur atteinte dépasse la valeur visée."]


# -- the proposal page ----------------------------------------------------------------------------


def test_proposal_page_shows_status_justification_progress_and_timeline(client, followed):
    main = one(soup(client.get(followed.url)), "main")
    section = one(main, "section#suivi")
    assert text_of(one(main, ".proposal__kicker .status-badge")) == "Statut : Partiellement réalisée"
    assert "depuis le 1 septembre 2026" in text_of(one(section, ".follow-up__status"))
    assert text_of(one(section, ".follow-up__justification")) == FOLLOW_UP["P-08"][1]
    assert text_of(one(section, "#progress-label")) == "Avancement : 3 sur 6 quartiers dotés d'un budget participatif"
    progress = one(section, "progress")
    assert (progress["value"], progress["max"]) == ("3.00", "6.00")
    assert texts(section.select(".timeline__title")) == TIMELINE_TITLES
    items = section.select(".timeline__item")
    assert [item["class"][1] for item in items] == [
        "timeline__item--done",
        "timeline__item--done",
        "timeline__item--planned",
    ]
    assert text_of(one(items[0], ".timeline__date")) == "Réalisée le 10 mars 2026 (prévue le 1 février 2026)"
    assert text_of(one(items[2], ".timeline__date")) == "Prévue le 15 janvier 2027"
    assert one(items[0], "a")["href"] == MILESTONES[2]["evidence_url"]
    # Last update: the latest of the status date and the milestones reached.
    assert text_of(one(section, ".follow-up__updated")) == "Suivi mis à jour le 1 septembre 2026."
    feeds = [link["href"] for link in section.select(".follow-up__feeds a")]
    assert feeds == [
        "/fr/programme/suivi/flux/atom/?proposition=P-08",
        "/fr/programme/suivi/flux/rss/?proposition=P-08",
        "/fr/programme/suivi/",
    ]


def test_history_shows_the_status_change_with_its_justification(client, followed):
    page = soup(client.get(followed.url + "historique/"))
    rows = page.select(".history-table tbody tr")
    assert "Partiellement réalisée" in text_of(rows[0]) and FOLLOW_UP["P-08"][1] in text_of(rows[0])
    assert "statut : « Partiellement réalisée »" in text_of(rows[0])
    assert "À l'étude" in text_of(rows[-1])


# -- the barometer --------------------------------------------------------------------------------


def test_barometer_counts_equal_the_fixture(client, followed):
    page = soup(client.get(BAROMETER))
    assert text_of(one(page, "h1")) == "Baromètre des engagements"
    overall = _table(one(page, "section.barometer__overall"))
    assert overall == {
        "Statut : À l'étude": ["12"],
        "Statut : Engagée": ["1"],
        "Statut : En cours": ["2"],
        "Statut : Réalisée": ["1"],
        "Statut : Partiellement réalisée": ["1"],
        "Statut : Reportée": ["1"],
        "Statut : Abandonnée": ["1"],
    }
    headers = texts(one(page, "#group-axes").find_parent("section").select("thead th"))
    assert headers == ["Axe", *STATUS_LABELS, "Total"]
    axes = _table(one(page, "#group-axes").find_parent("section"))
    # Columns: under study, committed, in progress, done, partly done, postponed, abandoned, total.
    assert axes == {
        "Une ville rayonnante": ["2", "1", "1", "1", "0", "0", "0", "5"],
        "Avec et pour les citoyens": ["10", "0", "1", "0", "1", "1", "1", "14"],
    }
    quartiers = _table(one(page, "#group-quartiers").find_parent("section"))
    assert quartiers["Planoise"] == ["0", "0", "1", "0", "1", "1", "1", "4"]
    themes = _table(one(page, "#group-themes").find_parent("section"))
    # Culture et patrimoine: P-02 (en cours), P-04 (réalisée), P-05 and P-16 (à l'étude).
    assert themes["Culture et patrimoine"] == ["2", "0", "1", "1", "0", "0", "0", "4"]
    # The chart says the same in its text alternative.
    title = text_of(one(page, "svg title"))
    assert "À l'étude 12, Engagée 1, En cours 2, Réalisée 1" in title
    assert "Mis à jour le" in text_of(one(page, ".barometer__updated"))


def test_barometer_list_filters_by_status_with_the_programme_filters(client, followed):
    page = soup(client.get(BAROMETER, {"statut": "in-progress"}))
    cards = page.select(".proposal-card")
    assert [text_of(one(card, ".reference")) for card in cards] == ["Référence P-02", "Référence P-17"]
    page = soup(client.get(BAROMETER, {"statut": "in-progress", "quartier": "planoise"}))
    assert [text_of(one(card, ".reference")) for card in page.select(".proposal-card")] == ["Référence P-17"]
    assert _table(one(page, "section.barometer__overall"))["Statut : En cours"] == ["1"]
    # The index takes the same filter.
    index = soup(client.get(INDEX, {"statut": "done"}))
    assert [text_of(one(card, ".reference")) for card in index.select(".proposal-card")] == ["Référence P-04"]


def test_an_unknown_status_is_said_and_refused_by_exports(client):
    page = soup(client.get(BAROMETER, {"statut": "fini"}))
    assert "Le statut « fini » n'existe pas." in text_of(one(page, '[role="alert"]'))
    response = client.get(INDEX + "suivi/export/json/", {"statut": "fini"})
    assert response.status_code == 400
    assert "Le statut « fini » n'existe pas." in response.content.decode()


def test_barometer_is_in_the_sitemap_in_every_language(client):
    xml = client.get("/sitemap.xml").content.decode()
    entry = re.search(r"<url><loc>[^<]*/fr/programme/suivi/</loc>.*?</url>", xml).group(0)
    alternates = dict(re.findall(r'hreflang="([a-z-]+)" href="[a-z]+://[^/]+([^"]+)"', entry))
    assert alternates == {
        "fr": "/fr/programme/suivi/",
        "en": "/en/programme/follow-up/",
        "de": "/de/programm/umsetzung/",
        "x-default": "/fr/programme/suivi/",
    }
    # The index keeps its own alternates.
    index = re.search(r"<url><loc>[^<]*/fr/programme/</loc>.*?</url>", xml).group(0)
    assert "suivi" not in index
    assert client.get("/en/programme/follow-up/").status_code == 200
    assert client.get("/de/programm/umsetzung/").status_code == 200


# -- exports, API and feeds -----------------------------------------------------------------------


def test_csv_and_json_exports_carry_the_follow_up(client, followed):
    rows = {row["reference"]: row for row in csv_rows(client.get(INDEX + "export/csv/"))}
    row = rows["P-08"]
    assert (row["status"], row["status_label"], row["status_date"]) == (
        "partly-done",
        "Partiellement réalisée",
        "2026-09-01",
    )
    assert row["status_justification"] == FOLLOW_UP["P-08"][1]
    assert (row["progress_value"], row["progress_target"]) == ("3", "6")
    assert row["milestones"] == (
        "2026-03-10 Délibération du conseil municipal (réalisée) | 2026-06-01 Premier quartier doté (réalisée)"
        " | 2027-01-15 Vote du règlement du budget (prévue)"
    )
    assert rows["P-03"]["status"] == "under-study" and rows["P-03"]["milestones"] == ""
    item = next(p for p in json_data(client.get(INDEX + "export/json/"))["proposals"] if p["reference"] == "P-08")
    assert item["progress_value"] == 3 and item["progress_unit"] == "quartiers dotés d'un budget participatif"
    assert [m["title"] for m in item["milestones"]] == TIMELINE_TITLES
    assert item["milestones"][0] == {
        "title": "Délibération du conseil municipal",
        "text": "",
        "planned_date": "2026-02-01",
        "actual_date": "2026-03-10",
        "done": True,
        "evidence_url": MILESTONES[2]["evidence_url"],
        "evidence_document": None,
    }


def test_api_carries_status_and_milestones(client, followed):
    data = json_data(client.get(f"/api/v2/pages/{followed.pk}/"))
    assert data["status"] == "partly-done" and data["status_date"] == "2026-09-01"
    assert data["status_justification"] == FOLLOW_UP["P-08"][1]
    assert [m["title"] for m in data["milestones"]] == [m["title"] for m in MILESTONES]
    assert data["milestones"][2]["actual_date"] == "2026-03-10"


def test_status_history_export(client, followed):
    apply_follow_up("P-08", "done", "Les six quartiers ont leur budget participatif.")
    data = json_data(client.get(INDEX + "suivi/export/json/"))
    assert data["count"] == 19
    record = next(p for p in data["proposals"] if p["reference"] == "P-08")
    assert [s["status"] for s in record["statuses"]] == ["under-study", "partly-done", "done"]
    assert record["statuses"][1]["justification"] == FOLLOW_UP["P-08"][1]
    assert record["statuses"][2]["status_label"] == "Réalisée"
    untouched = next(p for p in data["proposals"] if p["reference"] == "P-03")
    assert [s["status"] for s in untouched["statuses"]] == ["under-study"]


def test_follow_up_feeds_carry_status_changes_and_milestones(client, followed):
    entries = atom_entries(client.get(INDEX + "suivi/flux/atom/", {"proposition": "P-08"}))
    titles = [e["title"] for e in entries]
    assert titles[0] == "P-08 — statut : Partiellement réalisée"
    assert "P-08 — étape franchie : Premier quartier doté" in titles
    assert "P-08 — étape franchie : Délibération du conseil municipal" in titles
    assert "P-08 — étape franchie : Vote du règlement du budget" not in titles  # planned, not reached
    assert "P-08 — statut : À l'étude" in titles  # its first publication
    assert {e["title"].split(" — ")[0] for e in entries} == {"P-08"}
    response = client.get(INDEX + "suivi/flux/rss/", {"quartier": "planoise", "statut": "abandoned"})
    assert [i["title"] for i in rss_items(response)][0] == "P-13 — statut : Abandonnée"
    assert FOLLOW_UP["P-13"][1] in response.content.decode()
    axis = atom_entries(client.get(INDEX + "suivi/flux/atom/", {"axe": "une-ville-rayonnante"}))
    assert {e["title"].split(" — ")[0] for e in axis} == {"P-01", "P-02", "P-03", "P-04", "P-05"}
    theme = atom_entries(client.get(INDEX + "suivi/flux/atom/", {"theme": "vie-associative"}))
    assert {e["title"].split(" — ")[0] for e in theme} == {"P-07", "P-10"}


def test_the_follow_up_feed_keeps_the_most_recent_items_only(client, followed, settings):
    settings.FEED_MAX_ITEMS = 2
    entries = atom_entries(client.get(INDEX + "suivi/flux/atom/", {"proposition": "P-08"}))
    # The newest first, as without the bound: the latest status, then one more item.
    assert len(entries) == 2
    assert entries[0]["title"] == "P-08 — statut : Partiellement réalisée"


@pytest.mark.parametrize(
    ("url", "feed", "title"),
    [
        ("/fr/programme/", "/fr/programme/suivi/flux/atom/", "Suivi des propositions (Atom)"),
        (
            "/fr/programme/une-ville-rayonnante/",
            "/fr/programme/suivi/flux/atom/?axe=une-ville-rayonnante",
            "Suivi des propositions : Une ville rayonnante (Atom)",
        ),
        (
            "/fr/quartiers/planoise/",
            "/fr/programme/suivi/flux/atom/?quartier=planoise",
            "Suivi des propositions : Planoise (Atom)",
        ),
        (
            "/fr/culture/citadelle/",
            "/fr/programme/suivi/flux/atom/?lieu=citadelle",
            "Suivi des propositions : Citadelle de Besançon (Atom)",
        ),
    ],
)
def test_pages_announce_their_follow_up_feeds(client, url, feed, title):
    page = soup(client.get(url))
    links = {
        link["href"]: link.get("title") for link in page.select('link[rel="alternate"][type="application/atom+xml"]')
    }
    assert links[feed] == title
    assert client.get(feed).status_code == 200


def test_follow_up_feed_refuses_an_unknown_proposal(client):
    response = client.get(INDEX + "suivi/flux/atom/", {"proposition": "P-99"})
    assert response.status_code == 400
    assert "Aucune proposition publiée ne porte la référence « P-99 »." in response.content.decode()


# -- the quartier page ----------------------------------------------------------------------------


def _planoise_figure(code):
    quartier = next(q for q in read_seed("quartiers")["quartiers"] if q["slug"] == "planoise")
    return next(i for i in quartier["indicators"] if i["code"] == code)


def test_quartier_page_lists_its_proposals_with_status_and_figures(client, followed):
    page = ProposalPage.objects.get(pk=followed.pk)
    page.indicator_links = [ProposalIndicator(code="median-disposable-income")]
    page.save_revision().publish()
    # A proposal for every quartier: linked to figures, to no quartier in particular.
    everywhere = ProposalPage.objects.get(reference="P-09", locale__language_code="fr")
    everywhere.indicator_links = [ProposalIndicator(code="single-parent-families")]
    everywhere.save_revision().publish()
    section = one(soup(client.get("/fr/quartiers/planoise/")), "section#propositions")
    cards = {text_of(one(card, ".card__title")): card for card in section.select(".card")}
    p08 = next(card for title, card in cards.items() if title == followed.title)
    assert text_of(one(p08, ".status-badge")) == "Statut : Partiellement réalisée"
    figure = _planoise_figure("median-disposable-income")
    assert (figure["label"], figure["value"], figure["unit"]) == (
        "Revenu disponible médian des ménages par unité de consommation",
        13080,
        "€",
    )
    assert (
        texts(p08.select(".quartier-follow-up__figures li"))
        == [
            "Revenu disponible médian des ménages par unité de consommation : 13 080 € (CNAF, 2021)"  # text_of: plain spaces
        ]
    )
    assert everywhere.title in cards
    assert _planoise_figure("single-parent-families")["label"] in text_of(cards[everywhere.title])
    assert len(cards) == 5

"""The quartier pages and the quartiers index as readers get them: charts with a text
alternative, accessible tables, the map, the comparison table, and a constant query count.

Expected figures come from the seed (quartiers/demo_data/quartiers.yaml), written the French
way by ``french_number`` (tests/quartiers/utils.py), never by the site's own formatting."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.cache import bump
from quartiers.models import Indicator, IndicatorTheme
from tests.html import AUTOCOMPLETE_SCRIPT, normalise, one, soup, spoken_text, text_of, texts
from tests.seed import seed_proposals

from .utils import (
    FRAGILE_SLUGS,
    QPV_SLUGS,
    THEMES,
    french_number,
    french_value,
    is_change,
    is_rank,
    seed,
    seed_quartiers,
)

pytestmark = pytest.mark.django_db

THEME_LABELS = {
    "demographie": "Démographie",
    "situation-sociale": "Situation sociale",
    "logement": "Logement",
    "education": "Éducation",
    "emploi": "Emploi",
}
NOT_AVAILABLE = "non disponible"  # read out; a dash is shown instead


def page_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return soup(response)


def seed_indicators(quartier, theme):
    return [indicator for indicator in quartier["indicators"] if indicator["theme"] == theme]


def has(indicator, key):
    return indicator.get(key) is not None


def summary_of(page):
    """The « en bref » as (label, value, comparison) triples."""
    return [
        (text_of(one(item, "dt")), text_of(one(item, "dd.key-figures__value")),
         text_of(item.select_one("dd.key-figures__comparison")) if item.select_one("dd.key-figures__comparison") else "")
        for item in page.select("section.quartier-summary .key-figures__item")
    ]


def cell_text(cell):
    """A table cell's own text, without the column name shown before it on a phone."""
    parts = [
        text for text in cell.find_all(string=True)
        if not any("portrait-table__key" in (parent.get("class") or []) for parent in text.parents)
    ]
    return "".join(parts).strip()


def chart_items(indicator, name):
    """What a chart's row says of one figure of the seed: each place and its value."""
    signed = is_change(indicator["code"])
    items = [f"{name} {french_value(indicator['value'], indicator['unit'], signed)}"]
    if has(indicator, "besancon"):
        items.append(f"Besançon {french_value(indicator['besancon'], indicator['unit'], signed)}")
    if has(indicator, "gbm"):
        items.append(f"Grand Besançon Métropole {french_value(indicator['gbm'], indicator['unit'], signed)}")
    return [normalise(item) for item in items]


def table_cells(indicator, with_comparison):
    """The cells of the indicator's row in its portrait table, after the row header."""
    signed = is_change(indicator["code"])
    cells = [indicator["unit"], normalise(french_number(indicator["value"], signed))]
    if with_comparison:
        for key in ("besancon", "gbm"):
            cells.append(normalise(french_number(indicator[key], signed)) if has(indicator, key) else NOT_AVAILABLE)
    return [*cells, indicator["source"], indicator["year"]]


def test_the_seed_has_a_portrait_for_each_priority_quartier():
    quartiers = seed_quartiers()
    assert list(quartiers) == QPV_SLUGS + FRAGILE_SLUGS
    assert [len(quartiers[slug]["indicators"]) for slug in QPV_SLUGS] == [54, 41, 45, 39, 17, 17]
    assert all(not quartiers[slug].get("indicators") for slug in FRAGILE_SLUGS)


@pytest.mark.parametrize("slug", QPV_SLUGS)
def test_every_indicator_group_renders_as_chart_and_table(client, slug):
    quartier = seed_quartiers()[slug]
    name = quartier["name"]
    page = page_of(client, f"/fr/quartiers/{slug}/")
    assert [theme for theme in THEMES if seed_indicators(quartier, theme)] == THEMES
    assert texts(page.select("section.portrait-group > details > summary > h3")) == [
        THEME_LABELS[theme] for theme in THEMES
    ]
    # Each theme is a closed fold whose title says how many figures it holds (Planoise: 54).
    folds = page.select("section.portrait-group > details.portrait-theme")
    assert len(folds) == len(THEMES) and not any(fold.has_attr("open") for fold in folds)
    counts = [int(text_of(one(fold, ".portrait-theme__count")).split()[0]) for fold in folds]
    assert counts == [len(seed_indicators(quartier, theme)) for theme in THEMES]
    if slug == "planoise":
        assert counts == [5, 3, 8, 28, 10]
    for theme in THEMES:
        items = seed_indicators(quartier, theme)
        drawable = [indicator for indicator in items if not is_rank(indicator["code"])]
        assert drawable, (slug, theme)

        chart = one(page, f'figure.portrait-chart[aria-labelledby="graphique-{theme}-titre"]')
        assert name in text_of(one(chart, f"figcaption#graphique-{theme}-titre"))
        # A figure compared with Besançon or GBM is a row of bars, each named and valued in text;
        # a figure of the quartier alone is a key figure; a rank is in the table only.
        compared = [indicator for indicator in drawable if has(indicator, "besancon") or has(indicator, "gbm")]
        alone = [indicator for indicator in drawable if indicator not in compared]
        rows = chart.select(".portrait-chart__row")
        assert [text_of(one(row, ".portrait-chart__label")) for row in rows] == [i["label"] for i in compared]
        for row, indicator in zip(rows, compared, strict=True):
            assert [spoken_text(item) for item in row.select("li")] == chart_items(indicator, name), indicator["code"]
        assert len(chart.select("rect")) == sum(1 + has(i, "besancon") + has(i, "gbm") for i in compared)
        assert [
            (text_of(one(item, "dt")), text_of(one(item, "dd"))) for item in chart.select(".key-figures__item")
        ] == [(i["label"], normalise(french_value(i["value"], i["unit"], is_change(i["code"])))) for i in alone[:4]]
        # The bars are drawn in the chart's own SVGs, hidden from screen readers (the text says it).
        assert all(svg["aria-hidden"] == "true" for svg in chart.select("svg"))
        # The table is one click away, in a <details> (no script needed).
        details = one(page, f"section.portrait-group:has(h3#theme-{theme}) details.portrait-details")
        assert details.select_one(f"caption#tableau-{theme}") is not None
        assert not details.has_attr("open")

        caption = one(page, f"caption#tableau-{theme}")
        assert text_of(caption) == (
            f"{THEME_LABELS[theme]} à {name} : les chiffres, leur unité, leur source et leur année"
        )
        table = caption.find_parent("table")
        assert table["class"] == ["portrait-table", "portrait-table--blocks"]
        with_comparison = any(has(i, "besancon") or has(i, "gbm") for i in items)
        comparison_headers = ["Besançon", "Grand Besançon Métropole"] if with_comparison else []
        assert texts(table.select('thead th[scope="col"]')) == [
            "Indicateur", "Unité", name, *comparison_headers, "Source", "Année",
        ]
        rows = table.select("tbody tr")
        assert len(rows) == len(items)
        for row, indicator in zip(rows, items, strict=True):
            header = one(row, 'th[scope="row"]')
            assert normalise("".join(header.find_all(string=True, recursive=False))) == indicator["label"]
            notes = texts(header.select(".portrait-table__note"))
            assert notes == ([normalise(indicator["note"])] if indicator.get("note") else [])
            cells = row.find_all("td")
            assert [spoken_text(cell) for cell in cells] == table_cells(indicator, with_comparison), indicator["code"]
            for cell in cells:
                if spoken_text(cell) == NOT_AVAILABLE:
                    assert text_of(one(cell, '[aria-hidden="true"]:not(.portrait-table__key)')) == "—"


def test_planoise_page_shows_the_seed_figures(client, planoise):
    page = page_of(client, planoise.url)
    # Numbers exactly as printed: thousands apart by a no-break space, a decimal comma.
    numbers = [cell_text(cell) for cell in page.select("td.portrait-table__number")]
    for number in ("15\u00a0378", "13\u00a0080", "19\u00a0890", "22\u00a0030", "35,7", "+0,6", "5,16"):
        assert number in numbers, number
    population = one(page, "caption#tableau-demographie").find_parent("table").select_one("tbody tr")
    assert [normalise(cell_text(cell)) for cell in population.find_all(["th", "td"])] == [
        "Population", "habitants", "15 378", "Recensement de la population", "2018",
    ]
    assert "CNAF" in [cell_text(cell) for cell in page.select("table.portrait-table td")]
    assert "12 priorités pour l'éco-quartier de Planoise" in text_of(one(page, "#projet"))
    assert texts(page.select("#centres-sociaux li")) == [
        "Maison de quartier – Centre social de Planoise (centre social)",
        "Espace de vie sociale PARI (espace de vie sociale)",
        "Espace de vie sociale Miroirs du Monde (espace de vie sociale)",
    ]


def test_planoise_page_starts_with_its_key_figures_against_besancon(client, planoise):
    """Six figures of the seed (population; then those the portrait compares with Besançon)."""
    page = page_of(client, planoise.url)
    summary = one(page, "section.quartier-summary")
    # Right after the page's title, before the table of contents and the portrait.
    assert summary.find_previous_sibling() == one(page, "header.page-header")
    assert summary_of(page) == [
        ("Population", "15 378 habitants", "13,2 % des Bisontins"),
        ("Revenu disponible médian des ménages par unité de consommation", "13 080 €", "Besançon : 19 890 €"),
        ("Part des familles monoparentales parmi les familles", "35,7 %", "Besançon : 21,8 %"),
        ("Part des résidences principales qui sont des logements sociaux", "79 %", "Besançon : 25 %"),
        ("Taux de vacance des logements sociaux", "3,9 %", "Besançon : 3 %"),
        ("Loyer moyen d'un logement social", "5,16 €/m²", "Besançon : 5,73 €/m²"),
    ]


@pytest.mark.parametrize("slug, count", [("battant", 5), ("hauts-de-saint-claude", 6), ("montrapon", 6)])
def test_every_portrait_starts_with_four_to_six_key_figures(client, slug, count):
    page = page_of(client, f"/fr/quartiers/{slug}/")
    summary = summary_of(page)
    assert len(summary) == count
    assert summary[0][0] == "Population"
    assert all(comparison for _label, _value, comparison in summary[1:4])


def test_quartier_page_shows_the_socle_commun_and_its_map(client, planoise):
    page = page_of(client, planoise.url)
    shared = one(page, "details.shared-objectives")
    assert text_of(one(shared, "summary")) == "Le socle commun des projets de quartier"
    assert "Faire système autour de l'éducation et de la parentalité" in texts(shared.select("li > strong"))
    # The quartier on the shared map, as an image with a text alternative.
    svg = one(page, "svg.svg-map__svg")
    assert svg["role"] == "img"
    assert text_of(one(svg, "title")) == "Planoise sur le plan de Besançon"
    # No inline style or script: the pages pass the strict CSP.
    # No script but the search box's autocompletion, a progressive enhancement.
    assert [script.get("src") for script in page.find_all("script")] == [AUTOCOMPLETE_SCRIPT]
    assert page.select("[style]") == [] and page.find_all("style") == []
    assert page.select('link[rel="stylesheet"][href="/static/quartiers/quartiers.css"]')


@pytest.mark.parametrize("slug", FRAGILE_SLUGS)
def test_fragile_quartier_pages_render(client, slug):
    page = page_of(client, f"/fr/quartiers/{slug}/")
    assert text_of(one(page, "h1")) == seed_quartiers()[slug]["name"]
    assert "Quartier fragile" in text_of(one(page, "header.page-header"))
    assert page.select('[class*="portrait-chart"]') == []
    assert "ne publie pas de portrait chiffré" in text_of(one(page, "#portrait"))
    assert text_of(one(page, "details.shared-objectives summary")) == "Le socle commun des projets de quartier"


def test_fragile_quartier_lists_its_social_centre(client):
    page = page_of(client, "/fr/quartiers/cite-viotte/")
    centres = [centre for centre in seed()["social_centres"] if "cite-viotte" in centre["quartiers"]]
    assert [centre["kind"] for centre in centres] == ["centre-social"]
    assert texts(page.select("#centres-sociaux li")) == [f"{centres[0]['name']} (centre social)"]
    assert "Centre social Cras Chaprais Viotte" in centres[0]["name"]


def _seed_proposal_urls(quartier_slug):
    return [proposal["url"] for proposal in seed_proposals() if quartier_slug in proposal["quartiers"]]


def test_quartier_page_lists_the_proposals_that_concern_it(client, planoise):
    expected = _seed_proposal_urls("planoise")
    assert len(expected) == 4
    section = one(page_of(client, planoise.url), "section#propositions")
    assert [link["href"] for link in section.select("a[href]")] == expected
    assert texts(section.select(".card__title")) == [
        "Créer un budget participatif par quartier",
        "Renouveler les conseils de quartier, le conseil des sages et le conseil des jeunes",
        "Donner un budget aux conseils de quartier",
        "Mettre en place des médiateurs de proximité",
    ]


def test_a_quartier_no_proposal_concerns_says_so(client):
    assert _seed_proposal_urls("cite-curie-pasteur") == []
    section = one(page_of(client, "/fr/quartiers/cite-curie-pasteur/"), "section#propositions")
    assert section.select("a[href]") == []
    assert "Aucune proposition du programme ne concerne encore ce quartier" in text_of(section)


def test_index_map_places_every_quartier_with_coordinates(client, quartiers_index):
    page = page_of(client, quartiers_index.url)
    quartiers = list(seed_quartiers().values())
    placed = [q for q in quartiers if q["kind"] == "qpv" and q["latitude"] is not None] + [
        q for q in quartiers if q["kind"] == "fragile" and q["latitude"] is not None
    ]
    assert {q["slug"] for q in placed} >= set(QPV_SLUGS)
    assert len(placed) == 9
    urls = [f"/fr/quartiers/{q['slug']}/" for q in placed]

    svg = one(page, "svg.svg-map__svg")
    width, height = (float(v) for v in svg["viewbox"].split()[2:])
    links = svg.select("a")
    assert [link["href"] for link in links] == urls
    for number, (link, quartier) in enumerate(zip(links, placed, strict=True), start=1):
        assert link["aria-label"].startswith(f"{number}. {quartier['name']}")
        marker = link.find("circle")
        assert 0 < float(marker["cx"]) < width
        assert 0 < float(marker["cy"]) < height

    # The list next to the map, in the same order, is its text equivalent.
    assert [link["href"] for link in one(page, "ol.map-list").select("a")] == urls
    # Quartiers without a point are still named, as not placed yet.
    unplaced = [q for q in quartiers if q["latitude"] is None]
    assert [q["slug"] for q in unplaced] == ["cite-des-vareilles", "cite-de-l-amitie", "secteur-pesty"]
    note = next(p for p in page.select("p") if text_of(p).startswith("Pas encore placés sur la carte"))
    assert [(link["href"], text_of(link)) for link in note.select("a")] == [
        (f"/fr/quartiers/{q['slug']}/", q["name"]) for q in unplaced
    ]


def _first_text(cell):
    """The figure of a comparison cell, without the source written under it."""
    return normalise(cell.find(string=True, recursive=False) or "")


def test_index_compares_the_six_priority_quartiers(client, quartiers_index):
    page = page_of(client, quartiers_index.url)
    table = one(page, "table.comparison-table")
    headers = table.select('thead th[scope="col"].portrait-table__number')
    assert [link["href"] for header in headers for link in header.select("a")] == [
        f"/fr/quartiers/{slug}/" for slug in QPV_SLUGS
    ]
    assert texts(headers) == [
        "Planoise", "Montrapon", "Orchamps-Palente", "Clairs-Soleils", "Battant", "Hauts de Saint-Claude",
    ]
    rows = {text_of(one(row, 'th[scope="row"]')): row for row in table.select("tbody tr")}

    population = rows["Population"].select("td.portrait-table__number")
    assert [_first_text(cell) for cell in population] == ["15 378", "1 674", "3 126", "1 428", "1 800", "1 144"]
    assert texts(rows["Population"].select(".comparison-table__source")) == ["Recensement de la population 2018"] * 6
    # A figure the seed does not give is said to be missing, not left blank.
    quartiers = seed_quartiers()
    changes = []
    for slug in QPV_SLUGS:
        figure = {i["code"]: i for i in quartiers[slug]["indicators"]}.get("population-change-2013-2018")
        changes.append(normalise(french_number(figure["value"], signed=True)) if figure else NOT_AVAILABLE)
    assert changes == ["+0,6", "-12,8", "+6,4", "-10,8", NOT_AVAILABLE, NOT_AVAILABLE]
    change_cells = rows["Évolution de la population entre 2013 et 2018"].select("td.portrait-table__number")
    assert [_first_text(cell) or spoken_text(cell) for cell in change_cells] == changes
    assert [text_of(one(cell, '[aria-hidden="true"]')) for cell in change_cells[4:]] == ["—", "—"]


def test_index_links_to_the_exports(client, quartiers_index):
    page = page_of(client, quartiers_index.url)
    assert one(page, 'link[rel="alternate"][type="text/csv"]')["href"] == "/fr/quartiers/donnees/csv/"
    assert one(page, 'link[rel="alternate"][type="application/json"]')["href"] == "/fr/quartiers/donnees/json/"
    assert page.select('a[href="/fr/quartiers/donnees/csv/"]')


def _add_indicators(page, count, start=0):
    Indicator.objects.bulk_create(
        [
            Indicator(
                page=page,
                locale_id=page.locale_id,
                theme=IndicatorTheme.EDUCATION,
                code=f"extra-{start + i}",
                label=f"Chiffre supplémentaire {start + i}",
                value=Decimal(i),
                unit="%",
                besancon_value=Decimal(10),
                gbm_value=Decimal(12),
                source="Test",
                year="2024",
                sort_order=1000 + start + i,
            )
            for i in range(count)
        ]
    )


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), soup(response)


def test_quartier_page_query_count_does_not_grow_with_indicators(client, planoise):
    url = planoise.url
    client.get(url)  # warm the per-process caches (site, locales)
    before, _ = _queries(client, url)
    _add_indicators(planoise, 40)
    bump()  # as publishing the page that brings them does (the page's figures are cached)
    client.get(url)
    after, page = _queries(client, url)
    assert "Chiffre supplémentaire 39" in texts(page.select('#portrait th[scope="row"]'))
    assert after == before


def test_index_query_count_does_not_grow_with_indicators(client, quartiers_index, planoise):
    url = quartiers_index.url
    client.get(url)
    before, _ = _queries(client, url)
    _add_indicators(planoise, 40)
    bump()
    client.get(url)
    after, _ = _queries(client, url)
    assert after == before


def test_preview_shows_unsaved_figures(planoise):
    """Editors preview a portrait before publishing: the chart and table use the form's data."""
    indicators = list(planoise.indicators.all())
    assert indicators[0].code == "population"
    indicators[0].value = Decimal("99999")
    planoise.indicators = indicators
    response = planoise.make_preview_request()
    assert response.status_code == 200
    page = soup(response)
    assert "99\u00a0999" in [cell_text(cell) for cell in page.select("td.portrait-table__number")]
    assert summary_of(page)[0] == ("Population", "99 999 habitants", "13,2 % des Bisontins")

"""The quartier pages and the quartiers index as readers get them: charts with a text
alternative, accessible tables, the map, the comparison table, and a constant query count."""

import re
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape

from programme.queries import proposals_concerning
from quartiers.charts import display_value
from quartiers.models import Indicator, IndicatorTheme, QuartierPage

from .utils import FRAGILE_SLUGS, QPV_SLUGS, normalise_spaces

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def chart_svg(html, theme):
    match = re.search(
        rf'<svg class="portrait-chart__svg"[^>]*aria-labelledby="graphique-{theme}-titre".*?</svg>', html, re.S
    )
    assert match, f"no chart for {theme}"
    return ElementTree.fromstring(match.group(0))


def table_html(html, theme):
    match = re.search(rf'<table class="portrait-table">\s*<caption id="tableau-{theme}">.*?</table>', html, re.S)
    assert match, f"no table for {theme}"
    return match.group(0)


@pytest.mark.parametrize("slug", QPV_SLUGS)
def test_every_indicator_group_renders_as_chart_and_table(client, quartiers_index, slug):
    page = QuartierPage.objects.child_of(quartiers_index).get(slug=slug)
    html = html_of(client, page.url)
    indicators = list(page.indicators.all())
    themes = [theme.value for theme in IndicatorTheme if any(i.theme == theme.value for i in indicators)]
    assert len(themes) == 5
    for theme in themes:
        items = [i for i in indicators if i.theme == theme]
        drawable = [i for i in items if not i.is_rank]

        svg = chart_svg(html, theme)
        assert svg.get("role") == "img"
        title = svg.find(f"{SVG}title").text
        description = normalise_spaces(svg.find(f"{SVG}desc").text)
        assert page.title in title
        # The text alternative states every figure drawn, with its value.
        with translation.override("fr"):
            for indicator in drawable:
                assert indicator.label in description
                assert normalise_spaces(display_value(indicator, indicator.value)) in description
        bars = svg.findall(f".//{SVG}rect")
        expected_bars = sum(
            1 + (i.besancon_value is not None) + (i.gbm_value is not None) for i in drawable
        )
        assert len(bars) == expected_bars

        table = table_html(html, theme)
        assert re.search(r"<caption[^>]*>.+</caption>", table)
        for header in ("Indicateur", "Unité", "Source", "Année", page.title):
            assert f">{header}</th>" in table
        assert len(re.findall(r'<th scope="row">', table)) == len(items)
        for indicator in items:
            assert indicator.source in table
            assert f"<td>{indicator.year}</td>" in table
        if any(i.has_comparison for i in items):
            assert ">Grand Besançon Métropole</th>" in table


def test_planoise_page_shows_the_seed_figures(client, planoise):
    html = normalise_spaces(html_of(client, planoise.url))
    for text in (
        '<td class="portrait-table__number">15 378</td>',
        '<td class="portrait-table__number">13 080</td>',
        '<td class="portrait-table__number">19 890</td>',
        '<td class="portrait-table__number">22 030</td>',
        '<td class="portrait-table__number">35,7</td>',
        "Recensement de la population",
        "CNAF",
        "12 priorités pour l&#x27;éco-quartier de Planoise",
        "Maison de quartier – Centre social de Planoise",
        "Espace de vie sociale PARI",
    ):
        assert text in html, text


def test_quartier_page_shows_the_socle_commun_and_its_map(client, planoise):
    html = html_of(client, planoise.url)
    assert '<details class="shared-objectives">' in html
    assert "Le socle commun des projets de quartier" in html
    assert "Faire système autour de l" in html
    # The quartier on the shared map, as an image with a text alternative.
    assert '<svg class="svg-map__svg"' in html
    assert "Planoise sur le plan de Besançon" in html
    # No inline style or script: the pages pass the strict CSP.
    assert "<script" not in html
    assert " style=" not in html
    assert "/static/quartiers/quartiers.css" in html


@pytest.mark.parametrize("slug", FRAGILE_SLUGS)
def test_fragile_quartier_pages_render(client, quartiers_index, slug):
    page = QuartierPage.objects.child_of(quartiers_index).get(slug=slug)
    html = html_of(client, page.url)
    assert "Quartier fragile" in html
    assert "portrait-chart" not in html
    assert "ne publie pas de portrait chiffré" in html
    assert "Le socle commun des projets de quartier" in html


def test_fragile_quartier_lists_its_social_centre(client, quartiers_index):
    page = QuartierPage.objects.child_of(quartiers_index).get(slug="cite-viotte")
    html = html_of(client, page.url)
    assert "Centre social Cras Chaprais Viotte" in html
    assert "(centre social)" in html


def test_quartier_page_lists_the_proposals_that_concern_it(client, planoise):
    proposals = proposals_concerning(planoise)
    html = html_of(client, planoise.url)
    assert 'id="propositions"' in html
    for proposal in proposals:
        assert proposal.title in html
    if not proposals:
        assert "Aucune proposition du programme" in html


def test_index_map_places_every_quartier_with_coordinates(client, quartiers_index):
    html = html_of(client, quartiers_index.url)
    pages = list(QuartierPage.objects.child_of(quartiers_index).live().order_by("path"))
    placed = [p for p in pages if p.kind == "qpv" and p.has_point] + [
        p for p in pages if p.kind == "fragile" and p.has_point
    ]
    assert {p.slug for p in placed} >= set(QPV_SLUGS)

    match = re.search(r'<svg class="svg-map__svg".*?</svg>', html, re.S)
    assert match
    svg = ElementTree.fromstring(match.group(0))
    width, height = (float(v) for v in svg.get("viewBox").split()[2:])
    links = svg.findall(f".//{SVG}a")
    assert [link.get("href") for link in links] == [p.url for p in placed]
    for number, (link, page) in enumerate(zip(links, placed), start=1):
        assert link.get("aria-label").startswith(f"{number}. {page.title}")
        marker = link.find(f"{SVG}circle")
        assert 0 < float(marker.get("cx")) < width
        assert 0 < float(marker.get("cy")) < height

    # The list next to the map, in the same order, is its text equivalent.
    listed = re.search(r'<ol class="map-list".*?</ol>', html, re.S).group(0)
    assert re.findall(r'<a href="([^"]+)">', listed) == [p.url for p in placed]
    # Quartiers without a point are still named, as not placed yet.
    for page in pages:
        if not page.has_point:
            assert "Pas encore placés sur la carte" in html
            assert f'<a href="{page.url}">{escape(page.title)}</a>' in html


def test_index_compares_the_six_priority_quartiers(client, quartiers_index):
    html = html_of(client, quartiers_index.url)
    table = re.search(r'<table class="comparison-table">.*?</table>', html, re.S).group(0)
    headers = re.findall(r'<th scope="col" class="portrait-table__number"><a href="[^"]+">([^<]+)</a></th>', table)
    assert headers == ["Planoise", "Montrapon", "Orchamps-Palente", "Clairs-Soleils", "Battant", "Hauts de Saint-Claude"]
    population_row = normalise_spaces(re.search(r"<th scope=\"row\">Population</th>.*?</tr>", table, re.S).group(0))
    values = re.findall(r'<td class="portrait-table__number">([^<]+)<span', population_row)
    assert values == ["15 378", "1 674", "3 126", "1 428", "1 800", "1 144"]
    assert "Recensement de la population 2018" in population_row
    # A figure the seed does not give is said to be missing, not left blank.
    change_row = re.search(r"<th scope=\"row\">Évolution de la population.*?</tr>", table, re.S).group(0)
    assert "non disponible" in change_row


def test_index_links_to_the_exports(client, quartiers_index):
    html = html_of(client, quartiers_index.url)
    assert '<link rel="alternate" type="text/csv" href="/fr/quartiers/donnees/csv/"' in html
    assert '<link rel="alternate" type="application/json" href="/fr/quartiers/donnees/json/"' in html
    assert 'href="/fr/quartiers/donnees/csv/"' in html


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
    return len(queries), response.content.decode()


def test_quartier_page_query_count_does_not_grow_with_indicators(client, planoise):
    url = planoise.url
    client.get(url)  # warm the per-process caches (site, locales)
    before, _ = _queries(client, url)
    _add_indicators(planoise, 40)
    after, html = _queries(client, url)
    assert "Chiffre supplémentaire 39" in html
    assert after == before


def test_index_query_count_does_not_grow_with_indicators(client, quartiers_index, planoise):
    url = quartiers_index.url
    client.get(url)
    before, _ = _queries(client, url)
    _add_indicators(planoise, 40)
    after, _ = _queries(client, url)
    assert after == before


def test_preview_shows_unsaved_figures(planoise):
    """Editors preview a portrait before publishing: the chart and table use the form's data."""
    indicators = list(planoise.indicators.all())
    indicators[0].value = Decimal("99999")
    planoise.indicators = indicators
    response = planoise.make_preview_request()
    html = normalise_spaces(response.content.decode())
    assert response.status_code == 200
    assert '<td class="portrait-table__number">99 999</td>' in html
    assert "Planoise 99 999 habitants" in html

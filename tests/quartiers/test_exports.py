"""The portrait figures as open data: the CSV and JSON exports hold what the pages show."""

import csv
import io
import json
from decimal import Decimal

import pytest

from tests.html import normalise, soup, spoken_text
from tests.responses import body

from .utils import FRAGILE_SLUGS, QPV_SLUGS, french_number, is_change, seed_quartiers

pytestmark = pytest.mark.django_db

CSV_URL = "/fr/quartiers/donnees/csv/"
# The columns documented in docs/open-data.md, in order.
CSV_COLUMNS = [
    "quartier_slug", "quartier_name", "kind", "commune", "theme", "code", "label", "value", "unit",
    "besancon_value", "gbm_value", "source", "year", "note", "quartier_url",
]
JSON_URL = "/fr/quartiers/donnees/json/"


def _json(client):
    response = client.get(JSON_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(body(response))


def _csv(client):
    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(body(response).decode("utf-8"))))


def _seed_total():
    total = sum(len(quartier.get("indicators") or []) for quartier in seed_quartiers().values())
    assert total == 213  # 54 + 41 + 45 + 39 + 17 + 17 figures for the six priority quartiers
    return total


def test_json_export_lists_every_quartier_and_figure(client):
    data = _json(client)
    assert data["language"] == "fr"
    assert data["source"].startswith("Contrat de Ville 2024-2030")
    assert [q["slug"] for q in data["quartiers"]] == QPV_SLUGS + FRAGILE_SLUGS
    planoise = data["quartiers"][0]
    assert planoise["kind"] == "qpv"
    assert planoise["url"].endswith("/fr/quartiers/planoise/")
    population = next(i for i in planoise["indicators"] if i["code"] == "population")
    assert population == {
        "theme": "demographie",
        "code": "population",
        "label": "Population",
        "value": 15378,
        "unit": "habitants",
        "besancon_value": None,
        "gbm_value": None,
        "source": "Recensement de la population",
        "year": "2018",
        "note": "",
    }
    rent = next(i for i in planoise["indicators"] if i["code"] == "social-housing-rent")
    assert (rent["value"], rent["besancon_value"], rent["gbm_value"]) == (5.16, 5.73, 5.73)
    seed = seed_quartiers()
    for quartier in data["quartiers"]:
        codes = [indicator["code"] for indicator in seed[quartier["slug"]].get("indicators") or []]
        assert [indicator["code"] for indicator in quartier["indicators"]] == codes, quartier["slug"]
    assert sum(len(q["indicators"]) for q in data["quartiers"]) == _seed_total()


def test_csv_export_has_one_line_per_figure_and_matches_json(client):
    rows = _csv(client)
    data = _json(client)
    assert list(rows[0].keys()) == CSV_COLUMNS
    flat = [(q["slug"], i) for q in data["quartiers"] for i in q["indicators"]]
    assert len(rows) == len(flat) == _seed_total()
    for row, (slug, indicator) in zip(rows, flat, strict=True):
        assert row["quartier_slug"] == slug
        assert row["code"] == indicator["code"]
        assert Decimal(row["value"]) == Decimal(str(indicator["value"]))
        for name in ("besancon_value", "gbm_value"):
            expected = indicator[name]
            if expected is None:
                assert row[name] == ""
            else:
                assert Decimal(row[name]) == Decimal(str(expected))
        assert (row["source"], row["year"], row["label"]) == (indicator["source"], indicator["year"], indicator["label"])
    planoise_income = next(r for r in rows if r["quartier_slug"] == "planoise" and r["code"] == "median-disposable-income")
    assert (planoise_income["value"], planoise_income["besancon_value"], planoise_income["gbm_value"]) == (
        "13080",
        "19890",
        "22030",
    )


def test_exports_match_the_pages(client):
    """Every exported figure is the seed's and is on its quartier's page, with the same label,
    source and year; nothing on the page that the export lacks."""
    data = _json(client)
    seed = seed_quartiers()
    assert [quartier["slug"] for quartier in data["quartiers"]] == list(seed)
    for quartier in data["quartiers"]:
        figures = seed[quartier["slug"]].get("indicators") or []
        assert len(quartier["indicators"]) == len(figures), quartier["slug"]
        page = soup(client.get(f"/fr/quartiers/{quartier['slug']}/"))
        rows = page.select('table.portrait-table tbody tr')
        assert len(rows) == len(figures), quartier["slug"]
        for row, indicator, figure in zip(rows, quartier["indicators"], figures, strict=True):
            assert (indicator["code"], indicator["value"]) == (figure["code"], figure["value"])
            cells = [spoken_text(cell) for cell in row.find_all("td")]
            label = normalise("".join(row.th.find_all(string=True, recursive=False)))
            assert label == indicator["label"], (quartier["slug"], indicator["code"])
            assert cells[1] == normalise(french_number(figure["value"], signed=is_change(figure["code"])))
            assert cells[-2:] == [indicator["source"], indicator["year"]]
        assert len(page.select('th[scope="row"]')) == len(figures)


def test_exports_leave_out_unpublished_quartiers(client, planoise):
    planoise.unpublish()
    data = _json(client)
    assert "planoise" not in [q["slug"] for q in data["quartiers"]]
    assert all(row["quartier_slug"] != "planoise" for row in _csv(client))

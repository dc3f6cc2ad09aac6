"""Helpers shared by the programme tests."""

import csv
import io
import json
import xml.etree.ElementTree as ET

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.responses import body

ATOM = "{http://www.w3.org/2005/Atom}"


def csv_rows(response):
    assert response.status_code == 200, response.content
    return list(csv.DictReader(io.StringIO(body(response).decode("utf-8"))))


def json_data(response):
    assert response.status_code == 200, response.content
    return json.loads(body(response).decode("utf-8"))


def rss_items(response):
    assert response.status_code == 200, response.content
    root = ET.fromstring(response.content)
    return [
        {
            "title": item.findtext("title"),
            "link": item.findtext("link"),
            "categories": [c.text for c in item.findall("category")],
        }
        for item in root.iter("item")
    ]


def atom_entries(response):
    assert response.status_code == 200, response.content
    root = ET.fromstring(response.content)
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "updated": entry.findtext(f"{ATOM}updated"),
        }
        for entry in root.iter(f"{ATOM}entry")
    ]


def references_in_titles(titles):
    return {title.split(" — ")[0] for title in titles}


def proposal_form_data(title, slug, *, summary="Résumé.", status="under-study", status_date="",
                       status_justification="", **overrides):
    """A proposal's admin form as the browser posts it, every inline group empty unless given."""
    data = {
        "title": title,
        "slug": slug,
        "summary": summary,
        "body": streamfield([("paragraph", rich_text("<p>Texte.</p>"))]),
        "status": status,
        "status_date": status_date,
        "status_justification": status_justification,
        **{
            group: inline_formset([])
            for group in ("theme_links", "quartier_links", "place_links", "related_links", "milestones",
                          "indicator_links", "comments")
        },
    }
    data.update(overrides)
    return nested_form_data(data)

"""Helpers shared by the programme tests."""

import csv
import io
import json
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"


def csv_rows(response):
    assert response.status_code == 200, response.content
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def json_data(response):
    assert response.status_code == 200, response.content
    return json.loads(response.content.decode("utf-8"))


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

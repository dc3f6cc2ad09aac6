"""The programme's exports are streamed, read in chunks, with the bytes they had when built whole,
and the page cache keeps a streamed export (when small enough) for the next visitor."""

import csv
import io
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programme import exports
from tests.responses import body

pytestmark = pytest.mark.django_db

CSV_URL = "/fr/programme/export/csv/"
JSON_URL = "/fr/programme/export/json/"
# The header line documented in docs/open-data.md, as the CSV writes it: no byte-order mark.
CSV_HEADER = (
    b"type,reference,title,summary,axis,themes,quartiers,places,flagship,status,status_label,"
    b"status_date,status_justification,progress_value,progress_target,progress_unit,milestones,url,"
    b"first_published_at,last_published_at\r\n"
)
# The 19 proposals of programme.yaml in the order of the programme, then its 4 open questions.
ORDER = [f"P-{n:02d}" for n in range(1, 20)] + [None] * 4


HISTORY_URL = "/fr/programme/suivi/export/json/"


def test_every_open_data_export_is_streamed(client):
    for url in (CSV_URL, JSON_URL, HISTORY_URL, "/fr/quartiers/donnees/csv/", "/fr/quartiers/donnees/json/"):
        response = client.get(url)
        assert (response.status_code, response.streaming) == (200, True), url
        assert response["Access-Control-Allow-Origin"] == "*"


# The 19 proposals of programme.yaml; the 6 priority and 6 fragile quartiers of the seed.
@pytest.mark.parametrize(
    ("url", "key", "length"), [(HISTORY_URL, "proposals", 19), ("/fr/quartiers/donnees/json/", "quartiers", 12)]
)
def test_the_other_json_exports_are_one_json_document_too(client, url, key, length):
    content = body(client.get(url))
    data = json.loads(content)
    assert json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") == content
    assert len(data[key]) == length
    assert data.get("count", length) == length


def test_csv_bytes_are_those_of_the_csv_module(client):
    content = body(client.get(CSV_URL))
    assert content.startswith(CSV_HEADER)
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert [row["reference"] or None for row in rows] == ORDER
    # Written again whole by the csv module: the same bytes.
    again = io.StringIO()
    writer = csv.DictWriter(again, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    assert again.getvalue().encode("utf-8") == content


def test_json_bytes_are_those_of_one_json_document(client):
    content = body(client.get(JSON_URL))
    assert content.startswith(
        b'{\n  "source": "http://127.0.0.1:8000/fr/programme/",\n  "language": "fr",\n  "filters": {},\n'
        b'  "count": 23,\n  "proposals": [\n    {\n      "type": "proposal",\n      "reference": "P-01",\n'
    )
    assert content.endswith(b"\n    }\n  ]\n}")
    data = json.loads(content)
    assert [item["reference"] for item in data["proposals"]] == ORDER
    # What JsonResponse wrote when the document was built whole (indent 2, accents kept).
    assert json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") == content
    assert "Cité des Arts".encode() in content


def test_an_empty_selection_is_an_empty_list(client):
    # No sport proposal is flagship, and an open question never is.
    content = body(client.get(JSON_URL, {"theme": "sport", "phare": "oui"}))
    assert content.endswith(b'  "count": 0,\n  "proposals": []\n}')
    assert json.loads(content)["filters"] == {"theme": "sport", "phare": "oui"}
    assert body(client.get(CSV_URL, {"theme": "sport", "phare": "oui"})) == CSV_HEADER


def test_a_bad_filter_is_a_400_not_a_stream(client):
    response = client.get(JSON_URL, {"theme": "inconnu"})
    assert (response.status_code, response.streaming) == (400, False)


def test_small_chunks_give_the_same_export_one_page_of_queries_each(client, monkeypatch):
    def read(url):
        body(client.get(url))  # Wagtail's per-process caches warmed
        cache.clear()  # the pages of proposals read from the database, not from the shared cache
        with CaptureQueriesContext(connection) as queries:
            content = body(client.get(url))
        return content, len(queries)

    whole_csv, whole_csv_queries = read(CSV_URL)
    whole_json, _ = read(JSON_URL)
    monkeypatch.setattr(exports, "CHUNK_SIZE", 5)
    chunked_csv, chunked_csv_queries = read(CSV_URL)
    assert chunked_csv == whole_csv
    assert read(JSON_URL)[0] == whole_json
    # 19 proposals: 4 pages of 5 instead of 1, each one query, its links (themes, quartiers,
    # places: one query) and their milestones; the 4 open questions still
    # fit in one.
    assert chunked_csv_queries - whole_csv_queries == 3 * 3


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_TIMEOUT = 600
    return settings


def test_the_page_cache_keeps_a_streamed_export_read_to_the_end(client, page_cache):
    first = client.get(JSON_URL)
    assert (first.streaming, first["X-Page-Cache"]) == (True, "miss")
    # Its ETag is not known before the last byte: the generation's start is its Last-Modified.
    assert "ETag" not in first and first["Last-Modified"]
    content = body(first)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(JSON_URL)
    assert (second["X-Page-Cache"], len(queries), second.streaming) == ("hit", 0, False)
    assert second.content == content
    assert second["Content-Type"] == "application/json"
    assert second["Access-Control-Allow-Origin"] == "*"
    assert "default-src" in second["Content-Security-Policy"]
    assert second["Last-Modified"] == first["Last-Modified"]
    assert client.get(JSON_URL, headers={"if-none-match": second["ETag"]}).status_code == 304


def test_a_streamed_export_revalidates_with_its_last_modified(client, page_cache):
    last_modified = client.get(CSV_URL)["Last-Modified"]  # not read: nothing cached
    again = client.get(CSV_URL, headers={"if-modified-since": last_modified})
    assert (again.status_code, again.content) == (304, b"")


def test_a_stream_left_before_its_end_is_not_cached(client, page_cache):
    first = client.get(CSV_URL)
    next(iter(first.streaming_content))
    # The client went away after the first piece: the rest is never read.
    assert client.get(CSV_URL)["X-Page-Cache"] == "miss"


def test_an_export_over_the_size_limit_is_sent_whole_but_not_cached(client, page_cache):
    page_cache.PAGE_CACHE_MAX_BYTES = 1000
    first = client.get(CSV_URL)
    content = body(first)
    assert len(content) > 1000
    assert content.startswith(CSV_HEADER)
    assert [row["reference"] or None for row in csv.DictReader(io.StringIO(content.decode()))] == ORDER
    second = client.get(CSV_URL)
    assert (second["X-Page-Cache"], second.streaming) == ("miss", True)
    assert body(second) == content

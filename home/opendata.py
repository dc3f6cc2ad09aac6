"""Open-data answers (CSV and JSON) as every section serves them: UTF-8, stable columns, and
readable from any origin (``Access-Control-Allow-Origin: *``: the data is public).

The exports are streamed (``StreamingHttpResponse``): rows are written as the section's iterator
produces them, so that the memory an export takes does not grow with the number of rows. The
bytes are those ``HttpResponse``/``JsonResponse`` gave when the body was built whole: CSV with
``\\r\\n`` line ends and no byte-order mark; JSON indented by 2 with accents kept as they are.
The whole-page cache (``home.cache``) keeps a streamed export when it is small enough.
"""

import csv
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse, StreamingHttpResponse

# Rows are sent in pieces of about this many bytes (one piece per row would mean thousands of
# tiny writes to the socket).
PIECE_BYTES = 32 * 1024
JSON_PARAMS = {"ensure_ascii": False, "indent": 2, "cls": DjangoJSONEncoder}
# Stands for the streamed list while the rest of the document is serialised (a string no record
# holds: json.dumps writes its control characters as \u0000).
_PLACEHOLDER = "\x00streamed\x00"


def _open_to_all(response):
    response["Access-Control-Allow-Origin"] = "*"
    return response


class _Echo:
    """The file ``csv.writer`` writes to: gives back each line instead of keeping it."""

    def write(self, value):
        return value


def _in_pieces(texts):
    """UTF-8 bytes of ``texts``, gathered into pieces of about ``PIECE_BYTES``."""
    piece, size = [], 0
    for text in texts:
        data = text.encode("utf-8")
        piece.append(data)
        size += len(data)
        if size >= PIECE_BYTES:
            yield b"".join(piece)
            piece, size = [], 0
    if piece:
        yield b"".join(piece)


def csv_lines(columns, rows):
    """The lines of the CSV: a header of ``columns``, then one line per dict of ``rows``."""
    writer = csv.DictWriter(_Echo(), fieldnames=columns, lineterminator="\r\n")
    yield writer.writeheader()
    for row in rows:
        yield writer.writerow(row)


def csv_response(columns, rows, filename):
    """A CSV download of ``rows`` (any iterable of dicts, read as the answer is sent)."""
    response = StreamingHttpResponse(_in_pieces(csv_lines(columns, rows)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _open_to_all(response)


def json_texts(head, key, items, tail=None):
    """The JSON document ``{**head, key: [*items], **tail}`` as ``json.dumps`` would write it with
    ``JSON_PARAMS``, in pieces: the head, each item, the tail. ``key`` is a top-level key; ``items``
    is read as the pieces are asked for."""
    document = json.dumps({**head, key: _PLACEHOLDER, **(tail or {})}, **JSON_PARAMS)
    before, after = document.split(json.dumps(_PLACEHOLDER, **JSON_PARAMS))
    yield before
    separator = "[\n    "
    for item in items:
        # Each line of the item, one level deeper (a string never holds a raw line break).
        yield separator + json.dumps(item, **JSON_PARAMS).replace("\n", "\n    ")
        separator = ",\n    "
    yield "[]" if separator.startswith("[") else "\n  ]"
    yield after


def json_stream_response(head, key, items, tail=None, filename=None):
    """The streamed JSON answer of ``json_texts`` (same bytes as ``json_response`` of the whole)."""
    response = StreamingHttpResponse(_in_pieces(json_texts(head, key, items, tail)), content_type="application/json")
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return _open_to_all(response)


def json_response(data, filename=None):
    """Indented JSON that keeps accents as they are; shown in the browser, named ``filename``."""
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return _open_to_all(response)

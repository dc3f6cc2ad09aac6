"""Open-data answers (CSV and JSON) as every section serves them: UTF-8, stable columns, and
readable from any origin (``Access-Control-Allow-Origin: *``: the data is public)."""

import csv
import io

from django.http import HttpResponse, JsonResponse


def _open_to_all(response):
    response["Access-Control-Allow-Origin"] = "*"
    return response


def csv_response(columns, rows, filename):
    """A CSV download: a header of ``columns``, then one line per dict of ``rows``."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _open_to_all(response)


def json_response(data, filename=None):
    """Indented JSON that keeps accents as they are; shown in the browser, named ``filename``."""
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return _open_to_all(response)

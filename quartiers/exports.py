"""The portrait figures as open data: CSV and JSON, served by the quartiers index.

Both exports hold exactly what the quartier pages show: the live public quartier pages under
the index, in the index's language, every indicator with its unit, comparisons, source and
year. Field names are stable and documented in ``docs/open-data.md``; numbers are plain
numbers (a dot for decimals, no grouping), never formatted text.
"""

from home import opendata

from .formatting import plain_number, plain_text

CSV_COLUMNS = [
    "quartier_slug",
    "quartier_name",
    "kind",
    "commune",
    "theme",
    "code",
    "label",
    "value",
    "unit",
    "besancon_value",
    "gbm_value",
    "source",
    "year",
    "note",
    "quartier_url",
]

DATASET_TITLE = "Portraits des quartiers du Contrat de Ville 2024-2030 de Grand Besançon Métropole"
DATASET_SOURCE = "Contrat de Ville 2024-2030 de Grand Besançon Métropole, portraits de quartier"


def quartier_record(page, request):
    return {
        "slug": page.slug,
        "name": page.title,
        "kind": page.kind,
        "commune": page.commune,
        "latitude": plain_number(page.latitude),
        "longitude": plain_number(page.longitude),
        "url": page.get_full_url(request=request),
        "indicators": [
            {
                "theme": indicator.theme,
                "code": indicator.code,
                "label": indicator.label,
                "value": plain_number(indicator.value),
                "unit": indicator.unit,
                "besancon_value": plain_number(indicator.besancon_value),
                "gbm_value": plain_number(indicator.gbm_value),
                "source": indicator.source,
                "year": indicator.year,
                "note": indicator.note,
            }
            for indicator in page.indicators.all()
        ],
    }


def export_head(index, request):
    """The dataset's description, before its ``quartiers`` (what the JSON export starts with)."""
    return {
        "title": DATASET_TITLE,
        "source": DATASET_SOURCE,
        "language": index.locale.language_code,
        "url": index.get_full_url(request=request),
    }


def _filename(index, extension):
    return f"quartiers-besancon-{index.locale.language_code}.{extension}"


def json_response(index, request):
    records = (quartier_record(page, request) for page in index.quartier_pages())
    return opendata.json_stream_response(
        export_head(index, request), "quartiers", records, filename=_filename(index, "json")
    )


def csv_rows(index, request):
    """Every indicator of every quartier, one dict per CSV line."""
    for page in index.quartier_pages():
        url = page.get_full_url(request=request)
        for indicator in page.indicators.all():
            yield {
                "quartier_slug": page.slug,
                "quartier_name": page.title,
                "kind": page.kind,
                "commune": page.commune,
                "theme": indicator.theme,
                "code": indicator.code,
                "label": indicator.label,
                "value": plain_text(indicator.value),
                "unit": indicator.unit,
                "besancon_value": plain_text(indicator.besancon_value),
                "gbm_value": plain_text(indicator.gbm_value),
                "source": indicator.source,
                "year": indicator.year,
                "note": indicator.note,
                "quartier_url": url,
            }


def csv_response(index, request):
    return opendata.csv_response(CSV_COLUMNS, csv_rows(index, request), _filename(index, "csv"))

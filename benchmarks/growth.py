"""Cost of the pages as the content grows: the demo content, then 10× its proposals, figures and
cultural places, side by side (queries per request, requests/s of one in-process client).

Usage: .venv/bin/python benchmarks/growth.py [--seconds 3] [--db FILE]

A throw-away copy of a demo SQLite database (``--db``, e.g. the test suite's cached one in
.pytest_cache/demo-db/, else one is built). Django's test client, no page cache (every request
renders), the shared parts cached as on a site in use. Prints a Markdown table.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

URLS = [
    "/fr/",
    "/fr/programme/",
    "/fr/programme/?theme=jeunesse",
    "/fr/programme/une-ville-rayonnante/",
    "/fr/programme/une-ville-rayonnante/art-moderne-et-contemporain/",
    "/fr/quartiers/",
    "/fr/quartiers/planoise/",
    "/fr/culture/",
    "/fr/culture/citadelle/",
    "/fr/actualites/",
    "/fr/programme/export/csv/",
    "/fr/programme/flux/atom/",
]


def measure(client, seconds):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rows = {}
    for url in URLS:
        client.get(url).getvalue()
        with CaptureQueriesContext(connection) as queries:
            # Read whole: a streamed export (CSV) makes its queries as it is read.
            size = len(client.get(url).getvalue())
        # Counted now: the next request empties the connection's query log (request_started).
        query_count = len(queries)
        count = 0
        deadline = time.perf_counter() + seconds
        started = time.perf_counter()
        while time.perf_counter() < deadline:
            client.get(url).getvalue()
            count += 1
        rows[url] = (query_count, count / (time.perf_counter() - started), size)
    return rows


def grow(factor):
    """(factor - 1) more copies of every French proposal, cultural place and quartier figure."""
    from django.db import transaction

    from culture.models import CulturalPlacePage
    from programme.models import ProposalPage, ProposalPlace, ProposalQuartier, ProposalTheme
    from quartiers.models import Indicator, QuartierPage

    with transaction.atomic():
        proposals = list(ProposalPage.objects.filter(locale__language_code="fr", alias_of__isnull=True).specific())
        places = list(CulturalPlacePage.objects.filter(locale__language_code="fr", alias_of__isnull=True))
        number = 100
        for copy in range(1, factor):
            for proposal in proposals:
                number += 1
                page = ProposalPage(
                    title=f"{proposal.title} ({copy})", slug=f"{proposal.slug}-{copy}", summary=proposal.summary,
                    body=proposal.body.raw_data, flagship=False, reference=f"P-{number}",
                )
                page.theme_links = [ProposalTheme(theme=link.theme) for link in proposal.theme_links.all()]
                page.quartier_links = [
                    ProposalQuartier(quartier=link.quartier) for link in proposal.quartier_links.all()
                ]
                page.place_links = [ProposalPlace(place=link.place) for link in proposal.place_links.all()]
                proposal.get_parent().add_child(instance=page)
            for place in places:
                place.copy(update_attrs={"title": f"{place.title} ({copy})", "slug": f"{place.slug}-{copy}"})
        for quartier in QuartierPage.objects.filter(locale__language_code="fr"):
            figures = list(Indicator.objects.filter(page=quartier))
            for copy in range(1, factor):
                Indicator.objects.bulk_create(
                    Indicator(page=quartier, locale_id=f.locale_id, theme=f.theme, code=f"{f.code}-{copy}",
                              label=f"{f.label} ({copy})", value=f.value, unit=f.unit, source=f.source, year=f.year)
                    for f in figures
                )
    from home.cache import bump

    bump()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--db")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="growth-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["SQLITE_PATH"] = str(Path(tmp) / "growth.sqlite3")
    os.environ.pop("DATABASE_URL", None)
    if args.db:
        shutil.copy(args.db, os.environ["SQLITE_PATH"])
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    if not args.db:
        call_command("migrate", verbosity=0)
        from demo.loader import load_all

        load_all()
    client = Client()
    before = measure(client, args.seconds)
    grow(args.factor)
    after = measure(client, args.seconds)
    shutil.rmtree(tmp, ignore_errors=True)
    n = args.factor
    print(f"| URL | queries 1× | queries {n}× | req/s 1× | req/s {n}× | ratio | KB 1× | KB {n}× |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for url in URLS:
        (q1, r1, b1), (q10, r10, b10) = before[url], after[url]
        print(
            f"| `{url}` | {q1} | {q10} | {r1:.1f} | {r10:.1f} | {r10 / r1:.2f} | {b1 / 1024:.0f} | {b10 / 1024:.0f} |"
        )


if __name__ == "__main__":
    main()

"""Peak memory and time of the programme's CSV and JSON exports as the proposals grow: the demo
content, then about 10× and 50× its proposals (copies of the demo's French proposals with their
themes, quartiers and places), side by side.

Usage: .venv/bin/python benchmarks/export_memory.py [--factors 1,10,50] [--db DEMO_DB]
       DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/...

A throw-away database (``benchmarks/throwaway_db.py``: a SQLite file in a temporary folder, or a
PostgreSQL database created then dropped); ``--db`` copies a demo SQLite database (e.g. the test
suite's cached one in .pytest_cache/demo-db/) instead of loading the demo content. Django's test
client, no page cache. For each export: the peak of Python's allocations (tracemalloc) while the
answer is made and read chunk by chunk (the chunks are counted, not kept, as a server sends
them), the best wall time of three reads without tracemalloc, the SQL queries and the size of
the body. A streamed export's peak stays flat while its body grows; one built whole would take
at least its body's size. Prints a Markdown table.
"""

import argparse
import os
import shutil
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from throwaway_db import throwaway_database  # noqa: E402  (benchmarks/, the script's folder)

URLS = {"CSV": "/fr/programme/export/csv/", "JSON": "/fr/programme/export/json/"}


def read(client, url):
    """The size of the body of ``url``, read as a server would send it (nothing kept)."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if not response.streaming:
        return len(response.content)
    size = sum(len(chunk) for chunk in response.streaming_content)
    response.close()
    return size


def measure(client, url):
    """The export read from the database (the shared cache emptied before each read: the pages of
    proposals are then read, not taken from the cache), and its queries when asked again."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    read(client, url)  # per-process caches (site root paths, content types) warmed

    def fresh():
        cache.clear()
        return read(client, url)

    with CaptureQueriesContext(connection) as queries:
        size = fresh()
    query_count = len(queries)
    with CaptureQueriesContext(connection) as again:
        read(client, url)
    timings = []
    for _ in range(3):
        cache.clear()
        started = time.perf_counter()
        read(client, url)
        timings.append(time.perf_counter() - started)
    cache.clear()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        read(client, url)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    return {"queries": query_count, "queries_again": len(again), "seconds": min(timings), "peak": peak, "bytes": size}


def originals():
    from programme.models import ProposalPage

    return list(
        ProposalPage.objects.filter(locale__language_code="fr", alias_of__isnull=True)
        .order_by("path")
        .prefetch_related("theme_links", "quartier_links", "place_links")
    )


def add_copies(proposals, first, last, numbers):
    """Copies ``first`` to ``last`` of every proposal of ``proposals``, live, under its own axis."""
    from django.db import transaction

    from home.cache import bump
    from programme.models import ProposalPage, ProposalPlace, ProposalQuartier, ProposalTheme

    with transaction.atomic():
        for copy in range(first, last + 1):
            for proposal in proposals:
                page = ProposalPage(
                    title=f"{proposal.title} ({copy})",
                    slug=f"{proposal.slug}-copie-{copy}",
                    summary=proposal.summary,
                    body=proposal.body.raw_data,
                    flagship=False,
                    reference=f"P-{next(numbers)}",
                    status=proposal.status,
                    status_justification=proposal.status_justification,
                )
                page.theme_links = [ProposalTheme(theme=link.theme) for link in proposal.theme_links.all()]
                page.quartier_links = [
                    ProposalQuartier(quartier=link.quartier) for link in proposal.quartier_links.all()
                ]
                page.place_links = [ProposalPlace(place=link.place) for link in proposal.place_links.all()]
                proposal.get_parent().add_child(instance=page)
    bump()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", default="1,10,50", help="proposals as multiples of the demo's, increasing")
    parser.add_argument("--db", help="a demo SQLite database to copy (SQLite only)")
    args = parser.parse_args()
    factors = [int(factor) for factor in args.factors.split(",")]
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    with throwaway_database("bench_export_memory") as engine:
        if args.db and engine == "SQLite":
            shutil.copy(args.db, os.environ["SQLITE_PATH"])
        import itertools

        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client

        if not args.db or engine != "SQLite":
            call_command("migrate", verbosity=0)
            from demo.loader import load_all

            load_all()
        from programme.models import ProposalPage

        client = Client()
        proposals = originals()
        numbers = itertools.count(1001)
        copies, rows = 1, []
        for factor in factors:
            if factor > copies:
                started = time.perf_counter()
                add_copies(proposals, copies, factor - 1, numbers)
                copies = factor
                print(f"{factor}×: copies added in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            live = ProposalPage.objects.live().filter(locale__language_code="fr").count()
            for name, url in URLS.items():
                rows.append((factor, live, name, measure(client, url)))
        from django.db import connection

        connection.close()
    print(f"{engine}, Python {sys.version.split()[0]}")
    print("| proposals | export | body KB | peak KB (tracemalloc) | time ms | queries | queries asked again |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for factor, live, name, result in rows:
        print(
            f"| {live} ({factor}×) | {name} | {result['bytes'] / 1024:.0f} | {result['peak'] / 1024:.0f} "
            f"| {result['seconds'] * 1000:.0f} | {result['queries']} | {result['queries_again']} |"
        )


if __name__ == "__main__":
    main()

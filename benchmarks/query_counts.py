"""SQL queries and HTML weight of every live page of the demo site.

Usage: .venv/bin/python benchmarks/query_counts.py   (builds a throw-away SQLite database)
Prints one line per page: queries, HTML size in bytes, URL. A page should stay at a handful of
queries whatever the amount of content.
"""

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
tmp = tempfile.mkdtemp()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ["SQLITE_PATH"] = str(Path(tmp) / "bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Page  # noqa: E402

from demo.loader import load_all  # noqa: E402


def main():
    call_command("migrate", verbosity=0)
    load_all()
    client = Client()
    urls = [page.url for page in Page.objects.live().filter(depth__gt=1).order_by("path")]
    urls += ["/fr/recherche/?q=culture", "/sitemap.xml", "/api/v2/pages/"]
    client.get(urls[0])  # warm caches (site root paths, settings)
    print(f"{'queries':>7} {'bytes':>8}  url")
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        print(f"{len(queries):>7} {len(response.content):>8}  {url}  [{response.status_code}]")


if __name__ == "__main__":
    main()

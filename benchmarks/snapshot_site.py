"""A snapshot of every public surface of the demo site, to diff before and after a change.

Usage: .venv/bin/python benchmarks/snapshot_site.py OUT_DIR
       diff -r BEFORE_DIR AFTER_DIR

Builds a throw-away SQLite database with the demo content, then writes one file per URL: every
page of the sitemap in the three language trees, each page's sub-routes (exports, feeds, the
history of each proposal), filtered lists, the search page, the API and the sitemap. Values that
change on every load (timestamps, database ids, CSRF tokens) are blanked so that two loads
of the same code give the same files.
"""

import os
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
tmp = tempfile.mkdtemp()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ["SQLITE_PATH"] = str(Path(tmp) / "snapshot.sqlite3")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Page  # noqa: E402

VOLATILE = [
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'), 'name="csrfmiddlewaretoken" value="…"'),
    (re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:?\d{2}|Z)?"), "<datetime>"),
    (re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}"), "<datetime>"),
    (re.compile(r"\b\d{1,2}(er)? \w+ \d{4}((,| à) \d{1,2}:\d{2})?"), "<date>"),
    # Database ids follow the order pages were created in, not what they are.
    (re.compile(r'"id": \d+'), '"id": <id>'),
    (re.compile(r'"id": "[0-9a-f-]{36}"'), '"id": "<uuid>"'),
    (re.compile(r"/api/v2/(pages|images)/\d+/"), r"/api/v2/\1/<id>/"),
]

SUBROUTES = {
    "programmeindexpage": [
        "export/csv/", "export/json/", "flux/rss/", "flux/atom/", "P-07/", "P-99/",
        "?theme=culture-et-patrimoine", "?quartier=planoise", "?phare=oui", "?phare=xx",
        "export/csv/?quartier=planoise", "flux/rss/?theme=inexistant",
    ],
    "newsindexpage": ["flux/rss/", "flux/atom/"],
    "quartierindexpage": ["donnees/csv/", "donnees/json/"],
    "cultureindexpage": ["?type=musee", "?statut=projet"],
    "proposalpage": ["historique/"],
}

EXTRA = [
    "/", "/sitemap.xml", "/robots.txt", "/api/v2/pages/", "/api/v2/pages/?type=programme.ProposalPage&fields=*",
    "/api/v2/images/", "/fr/recherche/?q=culture", "/fr/recherche/?q=planoise", "/fr/recherche/",
    "/fr/nexiste-pas/",
]


def normalise(text):
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return text


def main(out_dir):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    client = Client()
    urls = list(EXTRA)
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        url = page.url
        if not url:
            continue
        urls.append(url)
        urls += [url + sub for sub in SUBROUTES.get(type(page).__name__.lower(), [])]
    for url in urls:
        response = client.get(url)
        body = response.getvalue().decode("utf-8", "replace")  # streamed or not
        location = response.get("Location", "")
        name = quote(url, safe="") or "root"
        header = f"{response.status_code} {response.get('Content-Type', '')} {location}\n"
        (out / name).write_text(header + normalise(body))
    print(f"{len(urls)} URLs written to {out}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])

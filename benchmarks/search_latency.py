"""Latency of the site search on 10,000 generated French pages.

Usage: .venv/bin/python benchmarks/search_latency.py [--pages N] [--queries N] [--keep NAME]
       DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/...
           (PostgreSQL: a throw-away database bench_search_<pid> is created, then dropped)

Builds a throw-away database (SQLite file in a temporary folder by default) with the demo
content, adds N pages (default 10,000: half proposals under a « Corpus » axis of the programme,
half news articles) written from the demo content's own vocabulary (Zipf-distributed, with
« Planoise » in about a quarter of the pages and a few other words nearly as frequent), inserted
in bulk on the page tree (paths computed, no per-page save), indexes everything with the
configured search backend (``update_index``), then times searches of 1, 2 and 3 words, frequent
and rare, through:

  (a) the search page, /fr/recherche/?q=…
  (b) the search API, /api/search/?q=… (skipped while that URL does not exist)
  (c) Wagtail's pages API, /api/v2/pages/?search=…

with Django's test Client, printing p50, p95 and max per surface, per query shape, and the SQL
queries per request. Nothing is kept: the database is deleted at the end.
"""

import argparse
import datetime
import math
import os
import random
import re
import statistics
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

from throwaway_db import throwaway_database  # noqa: E402  (benchmarks/, the script's folder)

SEED = 20261201
# Words put in a share of the pages on top of the Zipf draw: the frequent words of a city site.
FREQUENT_WORDS = {"Planoise": 0.25, "Besançon": 0.35, "quartier": 0.30, "culture": 0.15, "associations": 0.12}
RARE_WORDS_PER_PAGE = 2
# Short French words between the content words, for sentences that read like French.
GLUE = "de la le les des et du en pour dans une un à sur avec par au aux qui que".split()
DEMO_DATA = ["programme", "quartiers", "culture", "news", "home"]
# The keys of the demo data files that hold text (not slugs, codes, units or sources).
PROSE_KEYS = {
    "title", "name", "summary", "body", "presentation", "introduction", "description", "label", "note",
    "lines_of_thought", "priorities", "actions", "access", "accessibility", "status_detail", "text",
}
WORD = re.compile(r"[^\W\d_]{4,}")


# -- the corpus ---------------------------------------------------------------------------------


def demo_vocabulary():
    """The words of the demo content files: those written more than once, most frequent first,
    and those written once (lower case except proper nouns and acronyms)."""
    import yaml

    from search.analysis import FRENCH_STOP_WORDS

    counts = Counter()
    spelling = {}

    def walk(value, prose=False):
        if isinstance(value, str) and prose:
            for word in WORD.findall(value):
                key = word.lower()
                if key not in FRENCH_STOP_WORDS:
                    counts[key] += 1
                    spelling.setdefault(key, word)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, prose or key in PROSE_KEYS)
        elif isinstance(value, list):
            for item in value:
                walk(item, prose)

    for app in DEMO_DATA:
        for path in sorted((BASE_DIR / app / "demo_data").glob("*.yaml")):
            walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    frequent = {word.lower() for word in FREQUENT_WORDS}
    ranked = [(key, count) for key, count in counts.most_common() if key not in frequent]
    common = [spelling[key] for key, count in ranked if count > 1]
    once = sorted(spelling[key] for key, count in ranked if count == 1)
    if len(common) < 500 or len(once) < 500:
        sys.exit(f"only {len(common)} + {len(once)} words in the demo content")
    return common, once


class Writer:
    """French-looking text: content words drawn by Zipf's law over the demo vocabulary."""

    def __init__(self, words, once, rng):
        self.words = words
        self.once = once
        self.rng = rng
        weights = [1 / (rank + 1) for rank in range(len(words))]
        total = sum(weights)
        self.cumulative = []
        running = 0.0
        for weight in weights:
            running += weight / total
            self.cumulative.append(running)

    def word(self):
        import bisect

        return self.words[min(bisect.bisect(self.cumulative, self.rng.random()), len(self.words) - 1)]

    def sentence(self, length):
        parts = []
        for _ in range(length):
            parts.append(self.word())
            if self.rng.random() < 0.45:
                parts.append(self.rng.choice(GLUE))
        text = " ".join(parts)
        return text[0].upper() + text[1:] + "."

    def page(self):
        title = self.sentence(self.rng.randint(4, 8)).rstrip(".")
        summary = " ".join(self.sentence(self.rng.randint(8, 14)) for _ in range(2))
        paragraphs = [
            " ".join(self.sentence(self.rng.randint(8, 16)) for _ in range(self.rng.randint(2, 4)))
            for _ in range(self.rng.randint(3, 5))
        ]
        # The long tail: words of the demo content written once, each in a dozen pages or so.
        rare = " ".join(self.rng.choice(self.once) for _ in range(RARE_WORDS_PER_PAGE))
        paragraphs[-1] = f"{paragraphs[-1]} {self.sentence(4)[:-1]} {rare}."
        for word, share in FREQUENT_WORDS.items():
            if self.rng.random() < share:
                place = self.rng.randrange(len(paragraphs))
                paragraphs[place] = f"{paragraphs[place]} {word[0].upper() + word[1:]} {self.sentence(6)}"
        return title, summary, paragraphs


def corpus_parents():
    """A « Corpus » axis under the programme (for the proposals) and the news index (articles)."""
    from news.models import NewsIndexPage
    from programme.models import AxisPage, ProgrammeIndexPage

    programme = ProgrammeIndexPage.objects.get(locale__language_code="fr")
    axis = AxisPage(title="Corpus de mesure", slug="corpus-de-mesure", summary="Pages générées pour la mesure.")
    programme.add_child(instance=axis)
    news = NewsIndexPage.objects.get(locale__language_code="fr")
    return axis, news


def insert_children(parent, model, rows, extra_fields):
    """``rows`` (title, summary, paragraphs) as live children of ``parent``, in bulk: the pages'
    tree paths computed from the parent's last child, one multi-row INSERT per table and batch."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Page

    from home.blocks import paragraphs_to_body

    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    content_type = ContentType.objects.get_for_model(model)
    published = timezone.now() - datetime.timedelta(days=400)
    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    batch_size = 100
    with transaction.atomic():
        for start in range(0, len(rows), batch_size):
            specifics = []
            for offset, (title, summary, paragraphs) in enumerate(rows[start : start + batch_size]):
                number = start + offset
                slug = f"{model._meta.model_name}-{number:05d}"
                when = published + datetime.timedelta(hours=number)
                specific = model(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    path=Page._get_path(parent.path, parent.depth + 1, step + number + 1),
                    depth=parent.depth + 1,
                    numchild=0,
                    url_path=f"{parent.url_path}{slug}/",
                    locale_id=parent.locale_id,
                    translation_key=uuid.uuid4(),
                    content_type=content_type,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=when,
                    last_published_at=when,
                    summary=summary[:600],
                    body=paragraphs_to_body(paragraphs),
                    **extra_fields(number, when),
                )
                specifics.append(specific)
            bases = Page.objects.bulk_create(
                [Page(**{field.attname: getattr(page, field.attname) for field in page_fields}) for page in specifics]
            )
            for specific, base in zip(specifics, bases, strict=True):
                if base.pk is None:
                    sys.exit("the database did not return the new pages' ids")
                specific.pk = specific.page_ptr_id = base.pk
            model._base_manager._insert(specifics, fields=model._meta.local_concrete_fields, using=connection.alias)
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(rows))


def build_corpus(count, rng, insert=True):
    """The generated pages' texts (the same for a seed), inserted unless ``insert`` is false."""
    from news.models import ArticlePage
    from programme.models import ProposalPage

    writer = Writer(*demo_vocabulary(), rng)
    pages = [writer.page() for _ in range(count)]
    if not insert:
        return pages
    axis, news = corpus_parents()
    half = count // 2
    insert_children(
        axis,
        ProposalPage,
        pages[:half],
        lambda number, when: {"reference": f"P-{100 + number}", "flagship": number % 10 == 0},
    )
    insert_children(
        news,
        ArticlePage,
        pages[half:],
        lambda number, when: {"date": when.date(), "source_name": "corpus de mesure"},
    )
    return pages


# -- the queries --------------------------------------------------------------------------------


def document_frequencies(pages):
    frequencies = Counter()
    for title, summary, paragraphs in pages:
        frequencies.update({word.lower() for word in WORD.findall(" ".join([title, summary, *paragraphs]))})
    return frequencies


def make_queries(pages, count, rng):
    """``count`` queries: a third of 1, 2 and 3 words each; each word frequent (in 10 % of the
    pages or more) or rare (in 2 to 30 pages) with even odds."""
    frequencies = document_frequencies(pages)
    total = len(pages)
    frequent = sorted(word for word, df in frequencies.items() if df >= 0.10 * total)
    rare = sorted(word for word, df in frequencies.items() if 2 <= df <= 30)
    if len(frequent) < 5 or len(rare) < 50:
        sys.exit(f"corpus too uniform: {len(frequent)} frequent words, {len(rare)} rare ones")
    queries = []
    for number in range(count):
        length = 1 + number % 3
        kinds = [rng.choice(("frequent", "rare")) for _ in range(length)]
        words = [rng.choice(frequent if kind == "frequent" else rare) for kind in kinds]
        shape = f"{length} word{'s' if length > 1 else ''}, {'+'.join(sorted(set(kinds)))}"
        queries.append((" ".join(words), shape))
    planoise = frequencies["planoise"] / total
    print(
        f"Query words: {len(frequent)} frequent (≥ 10 % of the pages), {len(rare)} rare (2–30 pages); "
        f"« Planoise » is in {100 * planoise:.0f} % of the generated pages."
    )
    return queries


# -- the measure --------------------------------------------------------------------------------


def is_built(count):
    """Whether a kept database already holds the demo site and ``count`` generated pages."""
    from django.db import connection

    if "wagtailcore_page" not in connection.introspection.table_names():
        return False
    from news.models import ArticlePage
    from programme.models import ProposalPage

    generated = ArticlePage.objects.filter(source_name="corpus de mesure").count()
    return generated == count - count // 2 and ProposalPage.objects.filter(reference="P-100").exists()


def check_index():
    """The generated pages are in the index: an empty one would time nothing."""
    from news.models import ArticlePage

    started = time.perf_counter()
    # The demo site's only article does not name Planoise: these are generated pages.
    generated = ArticlePage.objects.live().search("Planoise").count()
    elapsed = time.perf_counter() - started
    print(f"« Planoise » finds {generated} generated articles through the backend ({elapsed:.1f} s to count them).")
    if not generated:
        sys.exit("the generated pages are not in the search index")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def surfaces():
    from django.urls import Resolver404, resolve

    found = [("search page", "/fr/recherche/", "q")]
    try:
        resolve("/api/search/")
        found.append(("search API", "/api/search/", "q"))
    except Resolver404:
        print("/api/search/ does not exist (yet): the search API is not measured.")
    found.append(("pages API", "/api/v2/pages/", "search"))
    return found


def time_surface(client, url, parameter, queries):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Each surface starts from an empty cache (the results' material, kept per generation, would
    # otherwise be the previous surface's), then warms templates, settings and site caches.
    cache.clear()
    client.get(url, {parameter: "warm up"})
    timings, sql, statuses = [], [], Counter()
    per_shape = {}
    for query, shape in queries:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, {parameter: query})
            elapsed = 1000 * (time.perf_counter() - started)
        timings.append(elapsed)
        sql.append(len(captured))
        statuses[response.status_code] += 1
        per_shape.setdefault(shape, []).append(elapsed)
    return timings, sql, statuses, per_shape


def main():
    sys.stdout.reconfigure(line_buffering=True)  # progress shows when the output goes to a file
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--keep",
        metavar="NAME",
        help="keep the database under this name (a PostgreSQL database, or a SQLite file's path) and "
        "reuse it when it exists: the build (10 minutes on PostgreSQL) is done once",
    )
    args = parser.parse_args()
    if args.pages < 100 or args.queries < 3:
        sys.exit("at least 100 pages and 3 queries")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    with throwaway_database("bench_search", keep=args.keep) as database:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client

        from demo.loader import load_all

        rng = random.Random(SEED)
        backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
        print(f"Backend: {backend} on {database}")
        if args.keep and is_built(args.pages):
            pages = build_corpus(args.pages, rng, insert=False)
            print(f"Reusing the kept database {args.keep}.")
        else:
            started = time.perf_counter()
            call_command("migrate", verbosity=0)
            load_all()
            demo = time.perf_counter() - started
            started = time.perf_counter()
            pages = build_corpus(args.pages, rng)
            built = time.perf_counter() - started
            started = time.perf_counter()
            call_command("update_index", verbosity=0)
            indexed = time.perf_counter() - started
            print(
                f"Demo site {demo:.1f} s; {len(pages)} generated pages inserted in {built:.1f} s; "
                f"update_index (every page) {indexed:.1f} s."
            )
        queries = make_queries(pages, args.queries, rng)
        check_index()
        client = Client()
        print(f"\n{len(queries)} searches per surface, milliseconds per request:")
        print(f"{'surface':<34} {'p50':>7} {'p95':>7} {'max':>7} {'SQL/request':>14}  statuses")
        for label, url, parameter in surfaces():
            timings, sql, statuses, per_shape = time_surface(client, url, parameter, queries)
            sql_range = f"{min(sql)}–{max(sql)}" if min(sql) != max(sql) else str(sql[0])
            print(
                f"{label + ' ' + url:<34} {statistics.median(timings):>7.0f} {percentile(timings, 0.95):>7.0f} "
                f"{max(timings):>7.0f} {sql_range:>14}  {dict(statuses)}"
            )
            for shape in sorted(per_shape):
                values = per_shape[shape]
                print(
                    f"  {shape + f' ({len(values)})':<32} {statistics.median(values):>7.0f} "
                    f"{percentile(values, 0.95):>7.0f} {max(values):>7.0f}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Relevance of the site search on the judged query set (tests/search/judged_queries.yaml).

Usage: .venv/bin/python benchmarks/search_relevance.py              (SQLite, throw-away file)
       DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/...
           (PostgreSQL: a throw-away database bench_relevance_<pid> is created next to the one
           named, then dropped)
       OPENSEARCH_URL=… / ELASTICSEARCH_URL=…   the engine, as the settings configure it
       --emulator   an in-memory OpenSearch (osmem_server) behind search.engine.OpenSearch3Backend
       --legacy     the search as it was before search.service: Wagtail's own database backend
                    and the query of the old search/views.py (the pages of the visitor's
                    language only): the « before » figures
       --all        on SQLite, then the current view's search, then the emulator, each in its own
                    process (and on PostgreSQL too when DATABASE_URL is set)

Loads the demo content into a fresh database, indexes it (update_index), runs every judged query
through ``search.service.search`` and prints MRR, success@1 and success@3 overall and per kind,
then each query whose expected page did not come first, with the first three hits. The issue's
target: MRR ≥ 0.9 and success@3 ≥ 0.95. Exits 1 when the search cannot run.
"""

import argparse
import contextlib
import importlib.util
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

from throwaway_db import throwaway_database  # noqa: E402  (benchmarks/, the script's folder)

TARGET_MRR = 0.9
TARGET_SUCCESS_AT_3 = 0.95


@contextlib.contextmanager
def emulated_engine():
    """An osmem_server OpenSearch, for search.engine.OpenSearch3Backend; None when there is no
    search/engine.py yet."""
    if importlib.util.find_spec("search.engine") is None:
        print("--emulator: search/engine.py does not exist yet; nothing to measure on the emulator.")
        yield None
        return
    from osmem_server import OsmemServer

    # The engine's client logs every 404 of a first indexing (indexes not there yet) as a warning.
    for name in ("opensearch", "elastic_transport"):
        logging.getLogger(name).setLevel(logging.ERROR)
    server = OsmemServer.start(japanese=False)
    try:
        yield server.url
    finally:
        server.close()


def use_engine(url):
    """search.engine's backend at ``url``, unless the settings already configure it (they read
    OPENSEARCH_URL, set before django.setup())."""
    from django.conf import settings

    if settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].startswith("search.engine"):
        return
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.engine.OpenSearch3Backend",
            "URLS": [url],
            "INDEX_PREFIX": f"bench_relevance_{os.getpid()}_",
        }
    }


def use_wagtail_database_backend():
    """The backend of before search.backend: Wagtail's own database backend (SQLite FTS5 or
    PostgreSQL full text, no analysis of ours)."""
    from django.conf import settings

    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}


def backend_label(database, legacy):
    from django.conf import settings

    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    search = "search/views.py before search.service (Wagtail's Page.search)" if legacy else "search.service"
    return f"{backend} on {database}, through {search}"


def build_site():
    from django.core.management import call_command

    from demo.loader import load_all

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_all()
    call_command("update_index", verbosity=0)
    return time.perf_counter() - started


def measure(legacy, engine_url=None):
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if engine_url:
        # config/settings/search.py reads them: search.engine.OpenSearch3Backend at the emulator.
        os.environ["OPENSEARCH_URL"] = engine_url
        os.environ["INDEX_PREFIX"] = f"bench_relevance_{os.getpid()}"
    with throwaway_database("bench_relevance") as database:
        django.setup()
        if engine_url:
            use_engine(engine_url)
        if legacy:
            use_wagtail_database_backend()
        from tests.search.judged import evaluate, legacy_search, load, report, service_search, summarise

        judged = load()
        if len(judged) < 60:
            sys.exit(f"only {len(judged)} judged queries")
        built = build_site()
        print(f"Demo site migrated, loaded and indexed in {built:.1f} s; {len(judged)} judged queries.")
        run = legacy_search if legacy else service_search
        started = time.perf_counter()
        try:
            results = evaluate(judged, run)
        except NotImplementedError:
            print("search.service.search is not implemented yet: run with --legacy for the current search.")
            return 1
        elapsed = time.perf_counter() - started
        print(report(results, backend_label(database, legacy)))
        summary = summarise(results)
        print(f"\n{len(results)} queries in {elapsed:.1f} s ({1000 * elapsed / len(results):.0f} ms each)")
        reached = summary.mrr >= TARGET_MRR and summary.success_at_3 >= TARGET_SUCCESS_AT_3
        print(
            f"Target MRR ≥ {TARGET_MRR} and success@3 ≥ {TARGET_SUCCESS_AT_3}: "
            f"{'reached' if reached else 'not reached'} (MRR {summary.mrr:.3f}, success@3 {summary.success_at_3:.3f})"
        )
    return 0


def run_all():
    """Each configuration in its own process: Django's settings are read once per process."""
    env = {key: value for key, value in os.environ.items() if key not in ("OPENSEARCH_URL", "ELASTICSEARCH_URL")}
    sqlite = {key: value for key, value in env.items() if key != "DATABASE_URL"}
    runs = [("SQLite, search.service", [], sqlite), ("SQLite, before (search/views.py)", ["--legacy"], sqlite)]
    if env.get("DATABASE_URL"):
        runs += [("PostgreSQL, search.service", [], env), ("PostgreSQL, before", ["--legacy"], env)]
    runs.append(("emulator, search.service", ["--emulator"], sqlite))
    status = 0
    for title, args, run_env in runs:
        print(f"\n===== {title} =====", flush=True)
        status |= subprocess.run([sys.executable, __file__, *args], env=run_env, cwd=BASE_DIR).returncode
    return status


def main():
    sys.stdout.reconfigure(line_buffering=True)  # progress shows when the output goes to a file
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emulator", action="store_true", help="an osmem_server OpenSearch behind search.engine")
    parser.add_argument("--legacy", action="store_true", help="the search as search/views.py did it before")
    parser.add_argument("--all", action="store_true", help="every configuration, one process each")
    args = parser.parse_args()
    if args.all:
        return run_all()
    if args.emulator:
        with emulated_engine() as url:
            if url is None:
                return 0
            return measure(args.legacy, engine_url=url)
    return measure(args.legacy)


if __name__ == "__main__":
    sys.exit(main())

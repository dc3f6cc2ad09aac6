"""Emulator run: the site search on the Elasticsearch / OpenSearch code path, against osmem-server
(an in-memory OpenSearch), or against the real cluster of ELASTICSEARCH_URL / OPENSEARCH_URL.

The demo content is indexed once per session; each test searches a clone of that index (on a real
cluster: the session's own indexes, deleted at the end). Expected pages come from the YAML seeds.
``make test-emulator`` runs these; ``make test`` leaves them out (marker ``emulator``).
"""

import logging
import os
import uuid

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Locale, Page, PageViewRestriction

from config.settings.search import engine_backends
from search import engine
from tests.seed import read_seed, seed_proposals, seed_questions

pytestmark = [pytest.mark.emulator, pytest.mark.django_db]

REAL_CLUSTER = bool(os.environ.get("ELASTICSEARCH_URL") or os.environ.get("OPENSEARCH_URL"))
emulator_only = pytest.mark.skipif(REAL_CLUSTER, reason="what only the emulator does")


def _backends(url=None, prefix="nstb_"):
    """WAGTAILSEARCH_BACKENDS for the emulator at ``url``, or for the real cluster."""
    env = dict(os.environ) if REAL_CLUSTER else {"OPENSEARCH_URL": url}
    return engine_backends({**env, "INDEX_PREFIX": prefix, "SEARCH_RETRY_AFTER": "30"})


@pytest.fixture(scope="session")
def indexed_engine(django_db_setup, django_db_blocker):
    """The demo content indexed once: the emulator's base (later cloned), or the real cluster."""
    if REAL_CLUSTER:
        backends = _backends(prefix=f"nstbtest_{uuid.uuid4().hex[:8]}_")
        server = None
    else:
        from osmem_server import OsmemServer

        server = OsmemServer.start(japanese=False)
        backends = _backends(server.url)
    with django_db_blocker.unblock(), override_settings(WAGTAILSEARCH_BACKENDS=backends):
        call_command("update_index", backend_name="default", stdout=open(os.devnull, "w"))
    yield server, backends
    if server is not None:
        server.close()
    else:
        with override_settings(WAGTAILSEARCH_BACKENDS=backends):
            from modelsearch.backends import get_search_backend

            get_search_backend("default").es.indices.delete(index=backends["default"]["INDEX_PREFIX"] + "*")


@pytest.fixture
def engine_settings(indexed_engine, settings):
    """This test's engine: a clone of the indexed base (its changes do not last)."""
    server, backends = indexed_engine
    engine.reset_breakers()
    if server is None:
        settings.WAGTAILSEARCH_BACKENDS = backends
        yield backends
    else:
        clone = server.clone()
        settings.WAGTAILSEARCH_BACKENDS = _backends(clone.url)
        yield settings.WAGTAILSEARCH_BACKENDS
        clone.close()


def _search(query, locale="fr", operator="or"):
    pages = Page.objects.live().public().filter(locale=Locale.objects.get(language_code=locale))
    return list(pages.search(query, operator=operator))


def _slugs(query, **kwargs):
    return [page.slug for page in _search(query, **kwargs)]


def _proposal(slug):
    return next(proposal for proposal in seed_proposals() if proposal["slug"] == slug)


def test_emulator_answers_from_the_engine(engine_settings, caplog):
    """The searches below come from the engine, not from the fallback."""
    from modelsearch.backends import get_search_backend

    backend = get_search_backend("default")
    assert isinstance(backend, engine.NeverDownBackend)
    assert backend.es.count(index=backend.get_index_for_model(Page).name)["count"] > 50
    assert _slugs("Citadelle")
    assert not [record for record in caplog.records if record.levelname == "WARNING"]


def test_emulator_stems_french_words(engine_settings):
    # « association » (singular) finds the proposal that only says « associations ».
    proposal = _proposal("maison-des-associations")
    assert "associations" in proposal["title"]
    assert proposal["slug"] in _slugs("association")
    assert proposal["slug"] in _slugs("Associations")


def test_emulator_folds_accents(engine_settings):
    place = next(place for place in read_seed("culture")["places"] if place["slug"] == "cite-des-savoirs")
    assert "bibliothèque" in place["name"]
    assert "cite-des-savoirs" in _slugs("bibliotheque")
    assert "cite-des-savoirs" in _slugs("BIBLIOTHÈQUE")


def test_emulator_elides_articles(engine_settings):
    page = next(p for p in [*seed_proposals(), *seed_questions()] if p["title"].startswith("Concilier économie"))
    assert "l'économie" not in page["title"].lower()
    assert page["slug"] in _slugs("l'économie")
    assert page["slug"] in _slugs("l’économie")


def test_emulator_nonsense_finds_nothing(engine_settings):
    assert _search("xqzvwpt") == []


def test_emulator_expands_synonyms(engine_settings):
    # « IA » is not written on the Cité des Savoirs page, « intelligence artificielle » is.
    assert "cite-des-savoirs" in _slugs("IA")


def test_emulator_prefix_finds_the_title_it_begins(engine_settings):
    assert "citadelle" in _slugs("citad")


def test_emulator_exact_title_first(engine_settings):
    place = next(place for place in read_seed("culture")["places"] if place["slug"] == "citadelle")
    assert _slugs(place["name"])[0] == "citadelle"


def test_emulator_pages_with_every_word_first(engine_settings):
    proposal = _proposal("maison-des-associations")
    assert _slugs("maison associations")[0] == proposal["slug"]


def test_emulator_leaves_out_drafts_and_private_pages(engine_settings):
    culture = Page.objects.get(slug="culture", locale__language_code="fr")
    draft = culture.add_child(instance=Page(title="Brouillon zorglubien", slug="brouillon-zorglubien", live=False))
    draft.save_revision()
    private = culture.add_child(instance=Page(title="Page zorglubienne privée", slug="prive-zorglubien"))
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    published = culture.add_child(instance=Page(title="Publiée zorglubien", slug="publie-zorglubien"))
    published.save_revision().publish()
    engine_refresh()
    assert _slugs("zorglubien") == ["publie-zorglubien"]


def test_emulator_searches_only_the_asked_locale(engine_settings):
    root = Page.get_first_root_node()
    english = root.add_child(
        instance=Page(title="Zorglub in English", slug="zorglub-en", locale=Locale.objects.get(language_code="en"))
    )
    french = Page.objects.get(slug="culture", locale__language_code="fr").add_child(
        instance=Page(title="Zorglub en français", slug="zorglub-fr")
    )
    for page in (english, french):
        page.save_revision().publish()
    engine_refresh()
    assert _slugs("zorglub", locale="en") == ["zorglub-en"]
    assert _slugs("zorglub") == ["zorglub-fr"]


def engine_refresh():
    from modelsearch.backends import get_search_backend

    get_search_backend("default").refresh_indexes()


def test_emulator_answers_the_judged_queries(engine_settings):
    """The judged set through the site's search service on the Elasticsearch code path: the
    same floors as on the database backend (measured: MRR 0.991, success@3 1.000)."""
    from tests.search.judged import evaluate, load, report, service_search, summarise
    from tests.search.test_relevance import MRR_FLOOR, SUCCESS_AT_3_FLOOR

    results = evaluate(load(), service_search)
    summary = summarise(results)
    details = report(results, "search.service on the emulator")
    assert summary.mrr >= MRR_FLOOR, details
    assert summary.success_at_3 >= SUCCESS_AT_3_FLOOR, details


def _closed_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@emulator_only
def test_emulator_gets_the_changes_made_while_it_was_down(engine_settings, settings, caplog):
    """Published and deleted during an outage (a closed port): queued, then replayed at the first
    search that reaches the engine again, which then finds the new page and not the deleted one."""
    from modelsearch.backends import get_search_backend

    from search.models import PendingIndexUpdate

    # The engine back, with a long timeout: a slow first answer must not look like an outage.
    url = settings.WAGTAILSEARCH_BACKENDS["default"]["URLS"][0]
    back = engine_backends({"OPENSEARCH_URL": url, "INDEX_PREFIX": "nstb_", "SEARCH_TIMEOUT": "60"})
    culture = Page.objects.get(slug="culture", locale__language_code="fr")
    doomed = Page.objects.get(slug="citadelle", locale__language_code="fr")
    assert "citadelle" in _slugs("Citadelle")
    settings.WAGTAILSEARCH_BACKENDS = _backends(f"http://127.0.0.1:{_closed_port()}")
    published = culture.add_child(instance=Page(title="Kiosque zorglubien", slug="kiosque-zorglubien"))
    published.save_revision().publish()
    doomed_pk = doomed.pk
    doomed.delete()
    assert set(PendingIndexUpdate.objects.values_list("object_id", flat=True)) >= {str(published.pk), str(doomed_pk)}
    settings.WAGTAILSEARCH_BACKENDS = back  # the engine is back (its breaker never saw the outage)
    engine.reset_breakers()
    backend = get_search_backend("default")
    index = backend.get_index_for_model(Page).name
    assert backend.es.count(index=index, body={"query": {"ids": {"values": [str(published.pk)]}}})["count"] == 0
    with caplog.at_level(logging.WARNING, logger="search.pending"):
        _slugs("Citadelle")  # a first search reaches the engine: the queue is replayed
    assert PendingIndexUpdate.objects.count() == 0
    assert any("replayed" in record.getMessage() for record in caplog.records)
    engine_refresh()
    assert _slugs("zorglubien") == ["kiosque-zorglubien"]
    assert backend.es.count(index=index, body={"query": {"ids": {"values": [str(doomed_pk)]}}})["count"] == 0

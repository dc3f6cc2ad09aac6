"""The Elasticsearch / OpenSearch code path without a server: the settings read from the
environment, the analysis and mapping sent to the engine, and an engine that is down (a closed
port, a port that never answers) never failing a publication nor a search."""

import json
import logging
import socket
import threading

import pytest
from modelsearch.backends import get_search_backend
from wagtail.models import Page

from config.settings.search import engine_backends
from search import engine
from search.engine import Elasticsearch9Backend, OpenSearch3Backend
from tests.seed import read_seed

SYNONYMS = "search/data/synonyms.txt"


# Settings
def test_no_engine_url_keeps_the_database_backend():
    assert engine_backends({}) == {"default": {"BACKEND": "search.backend"}}


def test_elasticsearch_url_picks_elasticsearch_9_or_8():
    backends = engine_backends({"ELASTICSEARCH_URL": "https://es.example:9200"})
    assert backends["default"]["BACKEND"] == "search.engine.Elasticsearch9Backend"
    assert backends["default"]["URLS"] == ["https://es.example:9200"]
    assert backends["default"]["FALLBACK"] == "database"
    assert backends["database"] == {"BACKEND": "search.backend"}
    for choice in ("8", "elasticsearch8", "wagtail.search.backends.elasticsearch8"):
        backends = engine_backends({"ELASTICSEARCH_URL": "http://es:9200", "ELASTICSEARCH_BACKEND": choice})
        assert backends["default"]["BACKEND"] == "search.engine.Elasticsearch8Backend"


def test_opensearch_url_picks_opensearch_3():
    backends = engine_backends({"OPENSEARCH_URL": "http://os1:9200, http://os2:9200"})
    assert backends["default"]["BACKEND"] == "search.engine.OpenSearch3Backend"
    assert backends["default"]["URLS"] == ["http://os1:9200", "http://os2:9200"]


def test_index_prefix_and_its_older_name():
    assert engine_backends({"OPENSEARCH_URL": "http://os:9200"})["default"]["INDEX_PREFIX"] == "nstb_"
    assert engine_backends({"OPENSEARCH_URL": "http://os:9200", "INDEX_PREFIX": "Site"})["default"]["INDEX_PREFIX"] == "site_"
    old = {"OPENSEARCH_URL": "http://os:9200", "SEARCH_INDEX_PREFIX": "old"}
    assert engine_backends(old)["default"]["INDEX_PREFIX"] == "old_"
    assert engine_backends({**old, "INDEX_PREFIX": "new_"})["default"]["INDEX_PREFIX"] == "new_"


def test_short_timeouts_by_default():
    backend = engine_backends({"OPENSEARCH_URL": "http://os:9200"})["default"]
    assert (backend["CONNECT_TIMEOUT"], backend["TIMEOUT"], backend["RETRY_AFTER"]) == (1.0, 4.0, 30.0)


# What is sent to the engine
@pytest.fixture(params=[OpenSearch3Backend, Elasticsearch9Backend], ids=["opensearch3", "elasticsearch9"])
def backend(request):
    return request.param({"URLS": ["http://127.0.0.1:9"], "INDEX_PREFIX": "nstb_"})


def _synonym_lines():
    with open(SYNONYMS, encoding="utf-8") as lines:
        return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_index_settings_hold_the_french_chain(backend):
    analysis = backend.settings["settings"]["analysis"]
    text = analysis["analyzer"]["french_text"]
    assert text["char_filter"] == ["apostrophe"]
    assert text["filter"] == ["french_elision", "lowercase", "french_stop", "asciifolding", "french_stemmer"]
    assert analysis["analyzer"]["french_search"]["filter"][-1] == "french_synonyms"
    filters = analysis["filter"]
    assert filters["french_stemmer"] == {"type": "snowball", "language": "French"}
    assert set(filters["french_elision"]["articles"]) == {
        "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"
    }
    assert {"le", "la", "les", "des", "été", "à", "et"} <= set(filters["french_stop"]["stopwords"])
    assert filters["french_synonyms"]["type"] == "synonym_graph"
    assert "ia, intelligence artificielle" in filters["french_synonyms"]["synonyms"]
    assert filters["french_synonyms"]["synonyms"] == _synonym_lines()
    # Wagtail's own analyzers are still there (autocomplete).
    assert "edgengram" in analysis["filter"] and "ngram_analyzer" in analysis["analyzer"]


def test_no_stemmer_the_emulator_ignores_or_breaks_on(backend):
    sent = json.dumps(backend.settings)
    assert "french_stem\"" not in sent and "light_french" not in sent and "_french_" not in sent
    assert "synonyms_path" not in sent


def _mapping(backend, model):
    return backend.mapping_class(model).get_mapping()["properties"]


def test_every_text_field_is_analysed_in_french(backend):
    from culture.models import CulturalPlacePage
    from programme.models import ProposalPage

    for model in (Page, ProposalPage, CulturalPlacePage):
        properties = _mapping(backend, model)
        text_fields = {name: field for name, field in properties.items() if field.get("type") == "text"}
        assert {"title", "_all_text", "_edgengrams"} <= set(text_fields)
        for name, field in text_fields.items():
            if name.endswith("_edgengrams"):
                assert (field["analyzer"], field["search_analyzer"]) == ("edgengram_analyzer", "prefix_search"), name
            else:
                assert (field["analyzer"], field["search_analyzer"]) == ("french_text", "french_search"), name
    proposal = _mapping(backend, ProposalPage)
    assert proposal["programme_proposalpage__reference_edgengrams"]["analyzer"] == "edgengram_analyzer"
    assert "_all_text_boost_2_0" in proposal and proposal["_all_text_boost_2_0"]["analyzer"] == "french_text"


def test_index_names_start_with_the_prefix(backend):
    from programme.models import ProposalPage

    assert backend.get_index_for_model(ProposalPage).name == "nstb_wagtailcore_page"
    assert all(index.name.startswith("nstb_") for index in backend.all_indexes())


def _query(backend, query, operator="or"):
    return backend.search(query, Page.objects.live(), operator=operator).query_compiler.get_inner_query()


@pytest.mark.django_db
def test_or_query_ranks_every_word_and_the_title_first(backend):
    query = _query(backend, "maison associations")["bool"]
    assert query["minimum_should_match"] == 1
    clauses = {json.dumps(clause, sort_keys=True) for clause in query["should"]}
    multi = [c["multi_match"] for c in query["should"] if "multi_match" in c]
    assert any(m.get("operator") == "and" and m["boost"] > 1 for m in multi)
    assert any("operator" not in m for m in multi)
    assert any("title_filter" in clause for clause in clauses)
    assert any('"_edgengrams"' in clause and "maison associations" in clause for clause in clauses)


@pytest.mark.django_db
def test_short_words_are_not_prefixes_and_synonyms_are_phrases(backend):
    query = _query(backend, "IA")["bool"]
    assert not any("_edgengrams" in clause.get("match", {}) for clause in query["should"])
    phrases = [c["multi_match"]["query"] for c in query["should"] if c.get("multi_match", {}).get("type") == "phrase"]
    assert phrases == ["intelligence artificielle"]


@pytest.mark.django_db
def test_and_query_requires_every_word(backend):
    query = _query(backend, "maison associations", operator="and")["bool"]
    assert query["must"][0]["multi_match"]["operator"] == "and"


# Never down
@pytest.fixture
def closed_port():
    """A port nothing listens on: connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return port


@pytest.fixture
def silent_port():
    """A port that accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(sock.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield sock.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    sock.close()


@pytest.fixture(params=["opensearch3", "elasticsearch9"])
def engine_kind(request):
    return request.param


def _down_engine(settings, port, kind):
    engine.reset_breakers()
    variable = "OPENSEARCH_URL" if kind == "opensearch3" else "ELASTICSEARCH_URL"
    env = {variable: f"http://127.0.0.1:{port}", "SEARCH_TIMEOUT": "0.5", "SEARCH_CONNECT_TIMEOUT": "0.5"}
    settings.WAGTAILSEARCH_BACKENDS = engine_backends(env)


def _place_page():
    place = next(place for place in read_seed("culture")["places"] if place["slug"] == "citadelle")
    return Page.objects.get(slug=place["slug"], locale__language_code="fr").specific, place


def _check_down_engine(caplog):
    page, place = _place_page()
    database = [p.pk for p in Page.objects.live().public().search("Citadelle", backend="database")]
    assert page.pk in database
    with caplog.at_level(logging.WARNING, logger="search.engine"):
        page.title = f"{place['name']} (modifiée)"
        page.save_revision().publish()  # does not raise
        page.refresh_from_db()
        assert page.live and page.title.endswith("(modifiée)")
        first = [p.pk for p in Page.objects.live().public().search("Citadelle")]
        second = [p.pk for p in Page.objects.live().public().search("Citadelle")]
    assert page.pk in first and set(first) == set(second)
    outage = [r for r in caplog.records if r.name == "search.engine" and "unreachable" in r.getMessage()]
    assert len(outage) == 1  # once per outage, not once per request
    assert any("skipped" in r.getMessage() or "failed" in r.getMessage() for r in caplog.records)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.django_db
def test_refused_connection_neither_fails_publishing_nor_search(settings, closed_port, engine_kind, caplog):
    _down_engine(settings, closed_port, engine_kind)
    _check_down_engine(caplog)


@pytest.mark.django_db
def test_silent_engine_neither_fails_publishing_nor_search(settings, silent_port, engine_kind, caplog):
    _down_engine(settings, silent_port, engine_kind)
    _check_down_engine(caplog)
    # The breaker is open: the engine is not asked again (no new timeout) until RETRY_AFTER.
    assert not get_search_backend("default").breaker.allows()


def test_breaker_tries_the_engine_again_after_the_delay(monkeypatch, caplog):
    now = [1000.0]
    monkeypatch.setattr(engine.time, "monotonic", lambda: now[0])
    breaker = engine.CircuitBreaker("test", retry_after=30)
    assert breaker.allows()
    with caplog.at_level(logging.WARNING, logger="search.engine"):
        breaker.failure(ConnectionError("refused"))
        now[0] += 29
        assert not breaker.allows()
        now[0] += 2
        assert breaker.allows()
        breaker.failure(ConnectionError("refused again"))  # same outage: no second warning
        breaker.success()
    messages = [r.getMessage() for r in caplog.records]
    assert len([m for m in messages if "unreachable" in m]) == 1
    assert any("answers again" in m for m in messages)


# What a down engine missed is queued, then replayed
def _pending():
    from search.models import PendingIndexUpdate

    return {(row.content_type.model, row.object_id) for row in PendingIndexUpdate.objects.select_related("content_type")}


@pytest.mark.django_db
def test_a_down_engine_queues_what_it_missed(settings, closed_port, engine_kind):
    _down_engine(settings, closed_port, engine_kind)
    page, _place = _place_page()
    page.save_revision().publish()  # the engine fails: queued
    news = Page.objects.get(slug="actualites", locale__language_code="fr")
    gone = news.add_child(instance=Page(title="Éphémère", slug="ephemere"))
    gone_pk = gone.pk
    gone.delete()  # the breaker is open now: skipped, and queued
    assert _pending() >= {("culturalplacepage", str(page.pk)), ("page", str(gone_pk))}


@pytest.mark.django_db
def test_replaying_on_a_down_engine_keeps_the_queue(settings, closed_port, engine_kind):
    from django.core.management import CommandError, call_command

    _down_engine(settings, closed_port, engine_kind)
    page, _place = _place_page()
    page.save_revision().publish()
    engine.reset_breakers()
    with pytest.raises(CommandError, match="1 mises à jour restent en attente"):
        call_command("replay_index_updates")
    assert _pending() == {("culturalplacepage", str(page.pk))}


@pytest.mark.django_db
def test_the_queue_is_replayed_at_the_next_successful_contact(settings, closed_port, monkeypatch, caplog):
    """The engine back (its client's calls answered): the first indexing that succeeds sends the
    queued page again, in its specific class, and removes the deleted one."""
    from wagtail.search.backends import opensearch3

    _down_engine(settings, closed_port, "opensearch3")
    page, _place = _place_page()
    page.save_revision().publish()
    news = Page.objects.get(slug="actualites", locale__language_code="fr")
    gone = news.add_child(instance=Page(title="Éphémère", slug="ephemere"))
    gone_pk = gone.pk
    gone.delete()
    assert len(_pending()) == 2
    sent = []
    base = opensearch3.OpenSearch3SearchBackend
    monkeypatch.setattr(base, "add", lambda self, obj: sent.append(("add", type(obj).__name__, obj.pk)))
    monkeypatch.setattr(base, "add_bulk", lambda self, model, objs: sent.extend(("add", model.__name__, o.pk) for o in objs))
    monkeypatch.setattr(base, "delete", lambda self, obj: sent.append(("delete", type(obj).__name__, obj.pk)))
    engine.reset_breakers()  # RETRY_AFTER has passed
    other = Page.objects.get(slug="programme", locale__language_code="fr").specific
    with caplog.at_level(logging.WARNING, logger="search.pending"):
        get_search_backend("default").add(other)
    assert sent[0] == ("add", type(other).__name__, other.pk)
    assert set(sent[1:]) == {("add", "CulturalPlacePage", page.pk), ("delete", "Page", gone_pk)}
    assert _pending() == set()
    assert any("2 index updates made during its outage replayed" in r.getMessage() for r in caplog.records)
    sent.clear()
    get_search_backend("default").add(other)  # nothing left to replay: no query, no call
    assert sent == [("add", type(other).__name__, other.pk)]


@pytest.mark.django_db
def test_update_index_empties_the_queue(settings, closed_port, monkeypatch):
    from django.core.management import call_command

    from search import pending

    _down_engine(settings, closed_port, "opensearch3")
    page, _place = _place_page()
    page.save_revision().publish()
    assert _pending()
    # The engine's rebuild itself is Wagtail's (run against the emulator in make test-emulator).
    monkeypatch.setattr("wagtail.search.management.commands.update_index.Command.update_backend",
                        lambda self, name, **kwargs: None)
    call_command("update_index", backend_name="database", stdout=open("/dev/null", "w"))
    assert _pending()  # the database backend is not the engine: its rebuild changes nothing here
    call_command("update_index", backend_name="default", stdout=open("/dev/null", "w"))
    assert _pending() == set()
    assert not pending.maybe_pending()

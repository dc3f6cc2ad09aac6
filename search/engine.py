"""Everything specific to Elasticsearch 8/9 and OpenSearch 3: our backends, subclasses of Wagtail's.

They add, to Wagtail's backends (``config/settings/search.py`` picks one from the environment):

* the French analysis of ``search/analysis.py`` as index settings (``INDEX_ANALYSIS``), set per
  field by the mapping (``FrenchMapping``): every text field and the catch-all ``_all_text*``
  fields use ``french_text`` (``french_search`` for the queries, with the synonyms of
  ``search/data/synonyms.txt``), autocomplete fields keep edge n-grams;
* the matching of the database backend (``site_query``): with ``operator="or"``, pages with every
  word first, the page whose title is the query first of all, words of 4+ letters also matching
  the titles they begin, synonyms expanded in the query too;
* never down (``CircuitBreaker``): an unreachable engine makes indexing log a warning, queue the
  object (``search.pending``) and return, and searches answer from the database backend, the
  engine being skipped ``RETRY_AFTER`` seconds after a failure so that its timeout is not added
  to every request; the queue is replayed at the next successful contact with the engine.
"""

import functools
import logging
import threading
import time
from copy import deepcopy

import elastic_transport
import elasticsearch
import opensearchpy
import urllib3
from django.utils import translation
from modelsearch.backends import get_search_backend
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import PlainText
from modelsearch.utils import deep_update
from wagtail.search.backends import elasticsearch8, elasticsearch9, opensearch3

from search import pending
from search.analysis import (
    ENGLISH_STOP_WORDS,
    FRENCH_STOP_WORDS,
    GERMAN_STOP_WORDS,
    PREFIX_LENGTH,
    WORD,
    normalise,
    query_groups,
    synonym_lines,
    tokens,
)

logger = logging.getLogger(__name__)

# The alias, in WAGTAILSEARCH_BACKENDS, of the database backend that answers when the engine is down.
DEFAULT_FALLBACK = "database"
DEFAULT_TIMEOUT = 4  # seconds to wait for an answer
DEFAULT_CONNECT_TIMEOUT = 1  # seconds to connect (OpenSearch; Elasticsearch's client has one total timeout)
DEFAULT_RETRY_AFTER = 30  # seconds the engine is skipped after a failure

TEXT_ANALYZER = "french_text"
SEARCH_ANALYZER = "french_search"
PREFIX_ANALYZER = "edgengram_analyzer"  # Wagtail's name, redefined below
PREFIX_SEARCH_ANALYZER = "prefix_search"
# The other languages of the site: each text field also has a sub-field analysed in each
# (``title.en``, ``title.de``), searched from /en/ and /de/ beside the French field.
OTHER_LANGUAGES = {
    "en": {"analyzer": "english_text", "stemmer": "English", "stop_words": ENGLISH_STOP_WORDS},
    "de": {"analyzer": "german_text", "stemmer": "German", "stop_words": GERMAN_STOP_WORDS},
}
# Elided articles (Lucene's French list, as Elasticsearch's ``french`` analyzer elides them).
ELIDED_ARTICLES = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]
# Straight, typographic and modifier apostrophes.
APOSTROPHES = "['\u2019\u02bc]"

# Boosts of the query's clauses (the fields' own boosts apply inside each clause).
ALL_WORDS_BOOST = 3  # a page with every word of the query before one with some of them
TITLE_PHRASE_BOOST = 10  # the query as a phrase in the title: above the reference's field boost (5)
EXACT_TITLE_BOOST = 20  # the title is the query
PREFIX_BOOST = 0.5  # « citad » finds « Citadelle », after the pages with the whole word
SYNONYM_BOOST = 1


def index_analysis():
    """The analysis settings of every index: the chain of ``search/analysis.py``.

    ``snowball`` (French), not ``french_stem`` or ``light_french``, and the stop words as a list
    (Snowball's, which is ``_french_``): the emulator ignores the other two and ``_french_``.
    Apostrophes become spaces first, as ``search/analysis.py`` tokenises (the emulator ignores the
    ``elision`` filter, kept for real clusters). Synonyms come after the stemmer, so that their
    members are stemmed like the queries (``élus`` finds ``élu``'s group).
    """
    text_filters = ["french_elision", "lowercase", "french_stop", "asciifolding", "french_stemmer"]
    return {
        "settings": {
            "analysis": {
                "char_filter": {
                    "apostrophe": {"type": "pattern_replace", "pattern": APOSTROPHES, "replacement": " "},
                },
                "filter": {
                    "french_elision": {"type": "elision", "articles_case": True, "articles": ELIDED_ARTICLES},
                    "french_stop": {"type": "stop", "stopwords": sorted(FRENCH_STOP_WORDS)},
                    "french_stemmer": {"type": "snowball", "language": "French"},
                    # lenient: a member made only of stop words is skipped, not an error.
                    "french_synonyms": {"type": "synonym_graph", "synonyms": synonym_lines(), "lenient": True},
                    **{
                        filter_name: definition
                        for code, language in OTHER_LANGUAGES.items()
                        for filter_name, definition in (
                            (f"{code}_stop", {"type": "stop", "stopwords": sorted(language["stop_words"])}),
                            (f"{code}_stemmer", {"type": "snowball", "language": language["stemmer"]}),
                        )
                    },
                },
                "analyzer": {
                    TEXT_ANALYZER: {
                        "type": "custom",
                        "tokenizer": "standard",
                        "char_filter": ["apostrophe"],
                        "filter": text_filters,
                    },
                    SEARCH_ANALYZER: {
                        "type": "custom",
                        "tokenizer": "standard",
                        "char_filter": ["apostrophe"],
                        "filter": [*text_filters, "french_synonyms"],
                    },
                    **{
                        language["analyzer"]: {
                            "type": "custom",
                            "tokenizer": "standard",
                            "char_filter": ["apostrophe"],
                            "filter": ["lowercase", f"{code}_stop", "asciifolding", f"{code}_stemmer"],
                        }
                        for code, language in OTHER_LANGUAGES.items()
                    },
                    PREFIX_ANALYZER: {
                        "type": "custom",
                        "tokenizer": "standard",
                        "char_filter": ["apostrophe"],
                        "filter": ["asciifolding", "lowercase", "edgengram"],
                    },
                    PREFIX_SEARCH_ANALYZER: {
                        "type": "custom",
                        "tokenizer": "standard",
                        "char_filter": ["apostrophe"],
                        "filter": ["asciifolding", "lowercase"],
                    },
                },
            }
        }
    }


INDEX_ANALYSIS = index_analysis()
TEXT_FIELD_ANALYSIS = {
    "analyzer": TEXT_ANALYZER,
    "search_analyzer": SEARCH_ANALYZER,
    "fields": {code: {"type": "text", "analyzer": language["analyzer"]} for code, language in OTHER_LANGUAGES.items()},
}


class FrenchMapping:
    """The analyzers set on each field: the emulator ignores an index's ``default`` analyzer.
    French on the field itself, English and German on its sub-fields."""

    edgengram_analyzer_config = {"analyzer": PREFIX_ANALYZER, "search_analyzer": PREFIX_SEARCH_ANALYZER}

    def get_field_mapping(self, field):
        name, mapping = super().get_field_mapping(field)
        if mapping.get("type") == "text" and "analyzer" not in mapping:
            mapping.update(deepcopy(TEXT_FIELD_ANALYSIS))
        return name, mapping

    def _get_document_field_data(self, field, obj):
        """Text sent with references and numbers written one way (``P 07`` → ``p07``, ``1 400``
        → ``1400``), as ``search.analysis.normalise`` does for the database backend and for the
        queries: a regex char filter could not pad ``P7`` to ``p07``."""
        name, value, edgengrams = super()._get_document_field_data(field, obj)
        if isinstance(field, (SearchField, AutocompleteField)):
            if isinstance(value, str):
                value = normalise(value)
            elif isinstance(value, list):
                value = [normalise(item) if isinstance(item, str) else item for item in value]
        return name, value, edgengrams

    def get_mapping(self):
        mapping = super().get_mapping()
        for name, field in mapping["properties"].items():
            if name == "_all_text" or name.startswith("_all_text_boost_"):
                field.update(deepcopy(TEXT_FIELD_ANALYSIS))
        return mapping


@functools.cache
def _synonym_members():
    """Each synonym member's French terms → the member as written (for phrase clauses)."""
    members = {}
    for line in synonym_lines():
        for member in line.split(","):
            terms = tuple(token.term for token in tokens(member, "fr"))
            if terms:
                members.setdefault(terms, member.strip())
    return members


def synonym_phrases(query):
    """The synonyms of the query's words, as written in the synonyms file (« IA » →
    « intelligence artificielle »): sent as phrases too, since the emulator ignores
    ``synonym_graph``."""
    members = _synonym_members()
    phrases = []
    for group in query_groups(query, "fr"):
        for alternative in group.alternatives[1:]:
            phrase = members.get(alternative)
            if phrase and phrase not in phrases:
                phrases.append(phrase)
    return phrases


def site_query(query_string, operator, fields):
    """The query of the site's search: ``fields`` are Wagtail's (``Field``, with boosts)."""
    query_string = normalise(query_string)
    names = [field.field_name_with_boost for field in fields]
    any_words = {"multi_match": {"query": query_string, "fields": names}}
    all_words = {"multi_match": {"query": query_string, "fields": names, "operator": "and", "boost": ALL_WORDS_BOOST}}
    should = [
        all_words,
        {"match_phrase": {"title": {"query": query_string, "boost": TITLE_PHRASE_BOOST}}},
        {"term": {"title_filter": {"value": query_string.strip(), "case_insensitive": True,
                                   "boost": EXACT_TITLE_BOOST}}},
    ]
    prefixes = [word for word in WORD.findall(query_string) if len(word) >= PREFIX_LENGTH]
    if prefixes:
        should.append({"match": {"_edgengrams": {"query": " ".join(prefixes), "boost": PREFIX_BOOST}}})
    for phrase in synonym_phrases(query_string):
        should.append({"multi_match": {"query": phrase, "fields": names, "type": "phrase", "boost": SYNONYM_BOOST}})
    every_word = [{"multi_match": {**any_words["multi_match"], "operator": "and"}}]
    language = translation.get_language()
    if language in OTHER_LANGUAGES:
        # From /en/ or /de/: the pages of that language analysed in it (French ones still match
        # the French fields, as the labelled fallback).
        local = [_in_language(field, language) for field in fields]
        should.append(
            {"multi_match": {"query": query_string, "fields": local, "operator": "and", "boost": ALL_WORDS_BOOST}}
        )
        any_words = {"bool": {"should": [any_words, {"multi_match": {"query": query_string, "fields": local}}]}}
        every_word.append({"multi_match": {"query": query_string, "fields": local, "operator": "and"}})
    if operator == "and":
        must = every_word[0] if len(every_word) == 1 else {"bool": {"should": every_word}}
        return {"bool": {"must": [must], "should": should}}
    return {"bool": {"should": [any_words, *should], "minimum_should_match": 1}}


def _in_language(field, language):
    """``title^2`` → ``title.en^2``: the sub-field of a field analysed in ``language``."""
    name, _sep, boost = field.field_name_with_boost.partition("^")
    return f"{name}.{language}^{boost}" if boost else f"{name}.{language}"


class SiteQueryCompiler:
    """Wagtail's query compiler with ``site_query`` for plain-text searches of every field."""

    def get_inner_query(self):
        if isinstance(self.query, PlainText) and not self.fields:
            return site_query(self.query.query_string, self.query.operator, self.remapped_fields)
        return super().get_inner_query()


class CircuitBreaker:
    """After a failure the engine is skipped ``retry_after`` seconds, then tried again; one
    warning per outage, not one per request."""

    def __init__(self, name, retry_after=DEFAULT_RETRY_AFTER):
        self.name = name
        self.retry_after = retry_after
        self.open_until = 0.0
        self.down = False
        self._lock = threading.Lock()

    def allows(self):
        return time.monotonic() >= self.open_until

    def failure(self, error):
        with self._lock:
            first = not self.down
            self.down = True
            self.open_until = time.monotonic() + self.retry_after
        if first:
            logger.warning(
                "Search engine %s unreachable (%s): searches answered by the database backend, "
                "engine tried again every %s s",
                self.name,
                error,
                self.retry_after,
            )

    def success(self):
        with self._lock:
            was_down, self.down = self.down, False
        if was_down:
            logger.warning("Search engine %s answers again: the index updates queued meanwhile are replayed", self.name)


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(name, retry_after=DEFAULT_RETRY_AFTER):
    """One breaker per engine (Wagtail builds a new backend for every search)."""
    with _breakers_lock:
        if name not in _breakers:
            _breakers[name] = CircuitBreaker(name, retry_after)
        return _breakers[name]


def reset_breakers():
    """Forget every outage (tests)."""
    with _breakers_lock:
        _breakers.clear()
    pending.forget_state()


class FallbackResults:
    """Search results that come from the database backend when the engine fails."""

    fallback = None  # () -> the database backend's results for the same search

    def _clone(self):
        clone = super()._clone()
        clone.fallback = self.fallback
        return clone

    def _fallback_results(self):
        results = self.fallback()[self.start : self.stop]
        return results.annotate_score(self._score_field) if self._score_field else results

    def _from_engine(self, compute, fallback):
        breaker = self.backend.breaker
        if breaker.allows():
            try:
                value = compute()
            except self.backend.engine_errors as error:
                self.backend.engine_failed(error)
            else:
                self.backend.engine_answered()
                return value
        return fallback()

    def results(self):
        if self._results_cache is None:
            self._results_cache = self._from_engine(
                lambda: list(self._do_search()), lambda: list(self._fallback_results())
            )
        return self._results_cache

    def count(self):
        if self._count_cache is None:
            if self._results_cache is not None:
                self._count_cache = len(self._results_cache)
            else:
                self._count_cache = self._from_engine(self._do_count, lambda: self._fallback_results().count())
        return self._count_cache

    def facet(self, field_name):
        return self._from_engine(lambda: super(FallbackResults, self).facet(field_name),
                                 lambda: self.fallback().facet(field_name))


class NeverDownBackend:
    """Indexing that never fails nor waits on a down engine; searches that fall back."""

    engine_errors = ()  # the client's exceptions

    def __init__(self, params):
        params = {**params, "OPTIONS": {"max_retries": 1, **params.get("OPTIONS", {})}}
        self.fallback_name = params.pop("FALLBACK", DEFAULT_FALLBACK)
        retry_after = float(params.pop("RETRY_AFTER", DEFAULT_RETRY_AFTER))
        connect_timeout = float(params.pop("CONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT))
        params["TIMEOUT"] = self.client_timeout(float(params.get("TIMEOUT", DEFAULT_TIMEOUT)), connect_timeout)
        if params.get("INDEX_PREFIX"):
            params["INDEX_PREFIX"] = params["INDEX_PREFIX"].lower()
        super().__init__(params)
        name = ",".join(sorted(str(host) for host in self.hosts)) + f"/{self.index_prefix}"
        self.breaker = breaker_for(name, retry_after)

    def client_timeout(self, read_timeout, connect_timeout):
        return read_timeout

    @staticmethod
    def is_outage(error):
        """Unreachable or overloaded (not a bad request, which is a bug of ours)."""
        status = getattr(error, "status_code", None)
        if status is None and getattr(error, "meta", None) is not None:
            status = error.meta.status
        return not isinstance(status, int) or status >= 500 or status == 429

    def engine_failed(self, error):
        if self.is_outage(error):
            self.breaker.failure(error)
        else:
            logger.warning("Search engine %s refused a request (%s): database backend used", self.breaker.name, error)

    def fallback_backend(self):
        return get_search_backend(self.fallback_name)

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        method = "autocomplete" if query_compiler_class is self.autocomplete_query_compiler_class else "search"

        def fallback():
            return getattr(self.fallback_backend(), method)(query, model_or_queryset, **kwargs)

        if not self.breaker.allows():
            return fallback()
        results = super()._search(query_compiler_class, query, model_or_queryset, **kwargs)
        results.fallback = fallback
        return results

    def replay_pending(self):
        """Send the engine what it missed (``search.pending``); its errors propagate."""
        return pending.replay(self.breaker.name, super().add_bulk, super().delete)

    def engine_answered(self):
        """The engine answered: close the breaker, and send what it missed."""
        self.breaker.success()
        if pending.maybe_pending():
            try:
                self.replay_pending()
            except self.engine_errors as error:
                self.engine_failed(error)
                logger.warning("Search engine %s: replaying the queued index updates failed (kept for later)",
                               self.breaker.name)

    def _safely(self, what, action, *args, missed=()):
        """Run an indexing action; on a down engine, log, queue ``missed`` and return (Wagtail
        would log an ERROR and forget the change)."""
        if not self.breaker.allows():
            queued = pending.queue(missed)
            logger.warning("Search engine %s down: %s skipped (%s queued for when it is back)",
                           self.breaker.name, what, queued)
            return
        try:
            action(*args)
        except self.engine_errors as error:
            self.engine_failed(error)
            queued = pending.queue(missed) if self.is_outage(error) else 0
            logger.warning("Search engine %s: %s failed (%s queued for when it is back)",
                           self.breaker.name, what, queued)
        else:
            self.engine_answered()

    def add(self, obj):
        self._safely(f"indexing {obj!r}", super().add, obj, missed=[obj])

    def add_bulk(self, model, obj_list):
        self._safely(f"indexing {len(obj_list)} {model.__name__}", super().add_bulk, model, obj_list,
                     missed=obj_list)

    def delete(self, obj):
        self._safely(f"removing {obj!r}", super().delete, obj, missed=[obj])

    def refresh_indexes(self):
        self._safely("refreshing the indexes", super().refresh_indexes)


def _settings(base_settings):
    return deep_update(deepcopy(base_settings), INDEX_ANALYSIS)


ELASTICSEARCH_ERRORS = (elastic_transport.TransportError, elasticsearch.ApiError)
OPENSEARCH_ERRORS = (opensearchpy.exceptions.TransportError,)


def site_backend(wagtail_module, name, engine_errors, **attributes):
    """The site's backend over one of Wagtail's (``name`` is Wagtail's prefix, e.g.
    ``Elasticsearch9``): its mapping with the French analysis per field, its query compiler with
    ``site_query``, results that fall back, the analysis in the index settings."""

    def subclass(suffix, mixins, body=None):
        wagtail_class = getattr(wagtail_module, f"{name}{suffix}")
        return type(f"{name}{suffix}", (*mixins, wagtail_class), {"__module__": __name__, **(body or {})})

    mapping = subclass("Mapping", (FrenchMapping,))
    base = getattr(wagtail_module, f"{name}SearchBackend")
    return type(
        f"{name}Backend",
        (NeverDownBackend, base),
        {
            "__module__": __name__,
            "mapping_class": mapping,
            "query_compiler_class": subclass("SearchQueryCompiler", (SiteQueryCompiler,), {"mapping_class": mapping}),
            "autocomplete_query_compiler_class": subclass("AutocompleteQueryCompiler", (), {"mapping_class": mapping}),
            "results_class": subclass("SearchResults", (FallbackResults,)),
            "settings": _settings(base.settings),
            "engine_errors": engine_errors,
            **attributes,
        },
    )


def _urllib3_timeout(self, read_timeout, connect_timeout):
    """OpenSearch's client takes urllib3's timeouts: a short connect, a longer read."""
    return urllib3.Timeout(connect=connect_timeout, read=read_timeout)


Elasticsearch9Backend = site_backend(elasticsearch9, "Elasticsearch9", ELASTICSEARCH_ERRORS)
Elasticsearch8Backend = site_backend(elasticsearch8, "Elasticsearch8", ELASTICSEARCH_ERRORS)
OpenSearch3Backend = site_backend(
    opensearch3, "OpenSearch3", OPENSEARCH_ERRORS, client_timeout=_urllib3_timeout
)


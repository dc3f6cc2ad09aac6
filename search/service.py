"""One search for the search page, the JSON API and the benchmarks: what a visitor asked
(``SearchParams``), what the site answers (``SearchOutcome``), whatever backend is configured.

The backend (``WAGTAILSEARCH_BACKENDS``) finds and ranks the pages through Wagtail's search API;
this module restricts them to live, public pages of the visitor's language (French pages that
are not translated yet included, labelled as such), counts the facets, applies the filters, sorts,
paginates, writes highlighted extracts and asks for a spelling suggestion.
"""

import hashlib
import logging
import math
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter, itemgetter

from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from home import cache
from home.localization import localized
from home.search_terms import terms_for_engine
from search import catalogue, excerpts, facets
from search.analysis import query_groups, terms_of
from search.promotions import promoted_pages
from search.suggest import suggestion

logger = logging.getLogger(__name__)

# Facet and filter keys, in the order the page and the API show them.
FACETS = ("type", "axis", "theme", "quartier")
# The page types, as the ``type`` facet and filter name them.
PAGE_TYPES = ("proposal", "question", "quartier", "place", "news", "page")
SORTS = ("relevance", "date")
RESULTS_PER_PAGE = 10
# Fewer results than this, and the query is checked for misspelt words.
SUGGEST_BELOW = 3


@dataclass(frozen=True)
class SearchParams:
    """A validated search request. ``filters`` maps a facet key to the selected values (slugs:
    the axis page's slug, the theme's slug, the quartier page's slug, or a ``PAGE_TYPES`` key)."""

    query: str
    language: str = "fr"
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = RESULTS_PER_PAGE


@dataclass(frozen=True)
class Hit:
    """One result, ready to show or to serialise."""

    id: int  # the page's id
    type: str  # a PAGE_TYPES key
    type_label: str
    title: str
    url: str
    excerpt: str  # safe HTML: escaped text with <mark> around the matched words
    locale: str  # the page's language code: "fr" under /en/ means not translated yet
    is_fallback: bool  # a French page shown because it has no translation in the language
    reference: str = ""
    axis: str = ""
    last_published_at: object = None


@dataclass(frozen=True)
class FacetValue:
    value: str  # the slug / key used in the filter
    label: str
    count: int  # results with this value among those matching the query and the other filters
    selected: bool = False


@dataclass
class SearchOutcome:
    params: SearchParams
    hits: list
    count: int
    page: int
    pages: int
    facets: dict  # facet key -> [FacetValue]
    suggestion: str = ""  # a corrected query, when a word looks misspelt
    corrected: bool = False  # hits are those of the suggestion (the query found nothing)
    unmatched_words: list = field(default_factory=list)  # words of the query that found nothing
    promoted: list = field(default_factory=list)  # Hits pinned by the editors for this query

    @property
    def first_number(self):
        """The rank of the page's first result (for ``<ol start>``)."""
        return (self.page - 1) * self.params.per_page + 1


# At most this many pages are taken from the engine, best first, to facet and paginate.
MAX_RESULTS = 10_000


_locales_by_code = {}


def _locales(language):
    """(the visitor's locale, the source locale): both the same in French. Kept per process:
    locales are created once (``sync_trees``), never changed; an unknown code reads them again."""
    if language not in _locales_by_code or "fr" not in _locales_by_code:
        _locales_by_code.clear()
        _locales_by_code.update((locale.language_code, locale) for locale in Locale.objects.all())
    source = _locales_by_code.get("fr") or Locale.get_default()
    return _locales_by_code.get(language, source), source


def found_pages(query, locale, source, shown):
    """The live, public pages that match ``query`` in the visitor's language, best first (as
    rows of the catalogue ``shown``): the pages of their locale, and source pages that have no
    live translation in it."""
    terms = terms_for_engine(query)
    if not terms:
        return []
    locale_ids = {locale.pk, source.pk}
    # Not ``.public()``: its view-restriction query would run on every search, and the
    # catalogue ``shown`` holds public pages only.
    queryset = Page.objects.live().filter(locale_id__in=locale_ids).only(*catalogue.FIELDS)
    with translation.override(locale.language_code):
        results = get_search_backend().search(terms, queryset, operator="or")
        entries = getattr(getattr(results, "query_compiler", None), "ranked_entries", None)
        if entries is not None:
            # The site's database backend: ranked index entries, their pages read from the catalogue.
            rows = map(shown.entry_pages.get, map(itemgetter(0), entries))
        else:
            rows = map(shown.pages.get, [page.pk for page in results[:MAX_RESULTS]])
    found = [row for row in rows if row is not None and row.locale_id in locale_ids]
    if locale.pk == source.pk:
        return found
    translated = shown.translation_keys(locale.pk)
    return [page for page in found if page.locale_id == locale.pk or page.translation_key not in translated]


def _passes(page_values, filters):
    """Whether a page has, for every filtered facet, one of the chosen values."""
    return all(not page_values.get(name, _NONE).isdisjoint(wanted) for name, wanted in filters.items())


_NONE = frozenset()
_ID = attrgetter("id")


def facet_counts(pages, values, labels, filters, pairs=None):
    """Each facet's values with their counts among the pages that pass the *other* facets'
    filters, so that choosing a value never leads to an empty page. One pass over the pages
    (without filters, one ``Counter`` over the catalogue's ``pairs``)."""
    filters = {name: set(wanted) for name, wanted in filters.items()}
    counts = {name: {} for name in FACETS}
    if not filters and pairs is not None:
        for (name, value), count in Counter(chain.from_iterable(map(pairs.__getitem__, map(_ID, pages)))).items():
            counts[name][value] = count
        pages = ()
    for page in pages:
        page_values = values[page.id]
        failed = [name for name, wanted in filters.items() if page_values.get(name, _NONE).isdisjoint(wanted)]
        if len(failed) > 1:
            continue
        # A page failing one filter still counts for that filter's own facet.
        for name in failed or FACETS:
            facet = counts[name]
            for value in page_values.get(name, _NONE):
                facet[value] = facet.get(value, 0) + 1
    result = {}
    for name in FACETS:
        selected = filters.get(name, set())
        for value in selected:
            counts[name].setdefault(value, 0)
        if name == "type":
            items = sorted(counts[name].items(), key=lambda item: PAGE_TYPES.index(item[0]))
        else:
            names = labels[name]
            items = sorted(counts[name].items(), key=lambda item, names=names: (-item[1], names.get(item[0], "")))
        result[name] = [
            FacetValue(value, labels[name].get(value, value), count, value in selected) for value, count in items
        ]
    return result


@dataclass(frozen=True)
class _Material:
    """What a result shows of its page, whatever the query: kept per generation, so that a
    search reads its ten results' pages (one query per page type, their StreamField parsed for
    the extract) only when they changed."""

    title: str
    url: str
    text: str  # summary and body, for the extract
    reference: str
    last_published_at: object
    is_french: bool  # a French page, or a synchronised copy of one (an alias) holding French text


def _specific_pages(pages):
    """``{id: specific page}``, one query per page type: the rows already say each page's type,
    so ``.specific()``'s first query (the types of the ids) is not needed."""
    ids_by_type = {}
    for page in pages:
        ids_by_type.setdefault(page.content_type_id, []).append(page.id)
    specific = {}
    for content_type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        specific.update((page.pk, page) for page in model.objects.filter(pk__in=ids).order_by())
    return specific


def _materials(pages, locale, source):
    """``{id: _Material}`` for ``pages`` (catalogue rows) seen from ``locale``'s tree."""
    specific = _specific_pages(pages)
    # A French page not translated yet is linked through its copy in the visitor's tree, so that
    # the visitor stays in their language's menus and links.
    french = [specific[page.id] for page in pages if page.locale_id != locale.pk and page.id in specific]
    addresses = dict(zip((page.pk for page in french), localized(french, Page.objects.live(), locale), strict=True))
    return {
        page.pk: _Material(
            title=page.title,
            url=addresses.get(page.pk, page).get_url(),
            text=excerpts.page_text(page),
            reference=getattr(page, "reference", "") or "",
            last_published_at=page.last_published_at,
            is_french=page.locale_id == source.pk or page.alias_of_id is not None,
        )
        for page in specific.values()
    }


def make_hits(pages, values, labels, locale, source, query):
    """The results shown: their extract, type, reference and axis."""
    if not pages:
        return []
    materials = cache.cached_many(
        "search-hit",
        [page.id for page in pages],
        lambda ids: _materials([page for page in pages if page.id in ids], locale, source),
        locale.language_code,
    )
    groups = query_groups(query, locale.language_code)
    terms = terms_of(groups)
    prefixes = tuple(alt[0] for group in groups if group.prefix for alt in group.alternatives if len(alt) == 1)
    hits = []
    for light in pages:
        material = materials.get(light.id)
        if material is None:
            continue
        kind = next(iter(values[light.id]["type"]))
        axis = next(iter(values[light.id].get("axis", ())), "")
        language = "fr" if material.is_french else locale.language_code
        hits.append(
            Hit(
                id=light.id,
                type=kind,
                type_label=labels["type"][kind],
                title=material.title,
                url=material.url,
                excerpt=excerpts.highlight(material.text, language, terms, prefixes),
                locale=language,
                is_fallback=material.is_french and locale.pk != source.pk,
                reference=material.reference,
                axis=labels["axis"].get(axis, ""),
                last_published_at=material.last_published_at,
            )
        )
    return hits


def _suggest(query, language):
    try:
        return suggestion(query, language)
    except Exception:  # noqa: BLE001 - a suggestion is a nicety, never a failure
        logger.warning("search_suggestion_failed query=%r", query, exc_info=True)
        return ""


def _promoted(query, locale, source, shown):
    try:
        pages = promoted_pages(query, locale, shown.promotions())
    except Exception:  # noqa: BLE001
        logger.warning("search_promotions_failed query=%r", query, exc_info=True)
        return []
    if not pages:
        return []
    values, labels = facets.describe(pages, locale)
    return make_hits(pages, values, labels, locale, source, query)


def search(params):
    """The answer to ``params`` (a ``SearchParams``), computed once per generation and version of
    the catalogue (a journalist's query asked again, the page then the API, the next page's
    facets): the outcome holds only what any visitor may see."""
    locale, source = _locales(params.language)
    shown = catalogue.catalogue(locale)
    digest = hashlib.sha256(repr(params).encode()).hexdigest()
    return cache.cached("search-outcome", lambda: _search(params, locale, source, shown), shown.version, digest)


def _search(params, locale, source, shown):
    query = params.query
    pages = found_pages(query, locale, source, shown)
    suggestion = ""
    corrected = False
    unmatched = []
    groups = query_groups(query, locale.language_code)
    # A suggestion is asked when the query found (almost) nothing: a correct word that no title
    # holds but that is near a title word (« musique », « unique ») is then left alone.
    if groups and len(pages) < SUGGEST_BELOW:
        suggestion = _suggest(query, locale.language_code)
        if suggestion and suggestion.lower() == query.lower():
            suggestion = ""
        if not pages:
            unmatched = [word for group in groups for word in group.words]
            if suggestion:
                corrected_pages = found_pages(suggestion, locale, source, shown)
                if corrected_pages:
                    pages, corrected, query = corrected_pages, True, suggestion
    values, labels = shown.values, shown.labels
    filters = {name: list(params.filters.get(name, ())) for name in FACETS if params.filters.get(name)}
    facet_values = facet_counts(pages, values, labels, filters, shown.pairs)
    wanted = {name: set(chosen) for name, chosen in filters.items()}
    selected = [page for page in pages if _passes(values[page.id], wanted)] if wanted else pages
    if params.sort == "date":
        selected.sort(key=lambda page: (page.last_published_at is not None, page.last_published_at), reverse=True)
    count = len(selected)
    pages_count = max(1, math.ceil(count / params.per_page))
    number = min(max(1, params.page), pages_count)
    window = selected[(number - 1) * params.per_page : number * params.per_page]
    return SearchOutcome(
        params=params,
        hits=make_hits(window, values, labels, locale, source, query),
        count=count,
        page=number,
        pages=pages_count,
        facets=facet_values,
        suggestion=suggestion,
        corrected=corrected,
        unmatched_words=unmatched,
        promoted=_promoted(params.query, locale, source, shown) if number == 1 else [],
    )

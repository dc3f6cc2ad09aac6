"""One search for the search page, the JSON API and the benchmarks: what a visitor asked
(``SearchParams``), what the site answers (``SearchOutcome``), whatever backend is configured.

The backend (``WAGTAILSEARCH_BACKENDS``) finds and ranks the pages through Wagtail's search API;
this module restricts them to live, public pages of the visitor's language (French pages that
are not translated yet included, labelled as such), counts the facets, applies the filters, sorts,
paginates, writes highlighted extracts and asks for a spelling suggestion.
"""

from dataclasses import dataclass, field

# Facet and filter keys, in the order the page and the API show them.
FACETS = ("type", "axis", "theme", "quartier")
# The page types, as the ``type`` facet and filter name them.
PAGE_TYPES = ("proposal", "question", "quartier", "place", "news", "page")
SORTS = ("relevance", "date")
RESULTS_PER_PAGE = 10


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

    page: object  # the specific page
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


def search(params):
    """The answer to ``params`` (a ``SearchParams``)."""
    raise NotImplementedError

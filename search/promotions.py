"""Pages the editors pin to a query (Wagtail's search promotions), and what visitors search for.

Editors pin pages in the admin (Paramètres › Résultats de recherche améliorés); a promotion names
one page, usually the French one, and applies in every language: the visitor sees that page's
translation in their language, else the French page, as everywhere on the site.

Visitors' queries are counted per day: every query in Wagtail's ``QueryDailyHits``, those that
found nothing also in ``UnansweredQuery``, for the « Recherches des visiteurs » report. Counts
only: no address, no user, no session.
"""

import logging
from contextlib import nullcontext

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.utils import normalise_query_string

from home.localization import DROP, localized

from .analysis import WORD, fold, language_of
from .models import MAX_QUERY_STRING_LENGTH, UnansweredQuery

logger = logging.getLogger(__name__)


def normalised(query):
    """The query as it is counted and as promotions are looked up: control characters and
    repeated spaces gone, lower case, at most 255 characters (Wagtail's ``Query`` rule)."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(query or ""))
    return normalise_query_string(" ".join(text.split()))[:MAX_QUERY_STRING_LENGTH]


def _has_words(query):
    """Whether a query holds a word or a number, not only quotes, brackets and operators' signs."""
    return WORD.search(query) is not None


def all_promotions():
    """Every promotion that names a page, as ``(query string, page id)`` in the editors' order.
    The promotions are few (editors set them): the search catalogue keeps them per content
    version (``search.catalogue``) rather than reading them for every search."""
    return list(
        SearchPromotion.objects.filter(page__isnull=False)
        .order_by("sort_order", "pk")
        .values_list("query__query_string", "page_id")
    )


def promoted_pages(query, language, promotions=None):
    """The live, public pages pinned to ``query``, in the editors' order, each in ``language``
    (a code or a Locale) when translated, else in French; accents and case aside
    (« Bibliotheque » finds the pages pinned to « bibliothèque »). ``promotions``: those of
    :func:`all_promotions`, when the caller has them. Never raises: a database error gives no
    promotion."""
    key = fold(normalised(query))
    if not _has_words(key):
        return []
    try:
        pinned = [
            (query_string, page_id)
            for query_string, page_id in (all_promotions() if promotions is None else promotions)
            if fold(query_string) == key
        ]
        if not pinned:
            return []
        pages = Page.objects.filter(pk__in={page_id for _query, page_id in pinned}).only(
            "pk", "translation_key", "locale_id"
        )
        by_id = {page.pk: page for page in pages}
        if isinstance(language, Locale):
            locale = language
        else:
            locale = Locale.objects.filter(language_code=language_of(language)).first()
        if locale is None:
            return []
        ordered = [by_id[page_id] for _query, page_id in pinned if page_id in by_id]
        return localized(ordered, Page.objects.live().public().specific(), locale=locale, missing=DROP)
    except DatabaseError:
        logger.warning("Search promotions could not be read for %r", query, exc_info=True)
        return []


def record_query(query, found):
    """Count ``query`` for today (and as unanswered when ``found`` is 0); empty queries and
    queries of signs only are not counted. Never raises: a database error is logged."""
    query_string = normalised(query)
    if not _has_words(query_string):
        return
    today = timezone.localdate()
    if connection.vendor == "postgresql":
        _record_in_one_statement(query_string, today, found)
    else:
        _record_in_upserts(query_string, today, found)


def _record_in_upserts(query_string, today, found):
    """SQLite: the day's counts as two or three upserts (``ON CONFLICT``, SQLite 3.24 and later) in
    one transaction, instead of Wagtail's ``Query.add_hit`` (a read, then a save: five
    statements)."""
    query_table = Query._meta.db_table
    hits_table = QueryDailyHits._meta.db_table
    unanswered_table = UnansweredQuery._meta.db_table
    statements = [
        f"INSERT INTO {query_table} (query_string) VALUES (%(query)s) ON CONFLICT (query_string) DO NOTHING",
        # ``WHERE true``: SQLite's grammar needs it between a SELECT and ON CONFLICT.
        f"""INSERT INTO {hits_table} (query_id, date, hits)
            SELECT id, %(today)s, 1 FROM {query_table} WHERE query_string = %(query)s AND true
            ON CONFLICT (query_id, date) DO UPDATE SET hits = {hits_table}.hits + 1""",
    ]
    if not found:
        statements.append(
            f"""INSERT INTO {unanswered_table} (query_string, date, hits) VALUES (%(query)s, %(today)s, 1)
                ON CONFLICT (query_string, date) DO UPDATE SET hits = {unanswered_table}.hits + 1"""
        )
    try:
        # One transaction: SQLite writes (and syncs) its journal once, not once per statement.
        with transaction.atomic():
            with connection.cursor() as cursor:
                for sql in statements:
                    # The date as SQLite's date columns hold it (Python's date adapter is deprecated).
                    cursor.execute(sql, {"query": query_string, "today": today.isoformat()})
    except DatabaseError:
        logger.warning("Search query could not be counted: %r", query_string, exc_info=True)


def _record_in_one_statement(query_string, today, found):
    """PostgreSQL: the day's counts as one statement of upserts (``ON CONFLICT``), atomic on its
    own, instead of a transaction of three to five statements: a search on PostgreSQL pays a
    round trip per statement. Same rows as ``record_query``'s other path."""
    query_table = Query._meta.db_table
    hits_table = QueryDailyHits._meta.db_table
    unanswered_table = UnansweredQuery._meta.db_table
    unanswered = (
        f""", unanswered AS (
            INSERT INTO {unanswered_table} (query_string, date, hits) VALUES (%(query)s, %(today)s, 1)
            ON CONFLICT (query_string, date) DO UPDATE SET hits = {unanswered_table}.hits + 1
        )"""
        if not found
        else ""
    )
    sql = f"""
        WITH counted AS (
            INSERT INTO {query_table} (query_string) VALUES (%(query)s)
            ON CONFLICT (query_string) DO UPDATE SET query_string = EXCLUDED.query_string
            RETURNING id
        ){unanswered}
        INSERT INTO {hits_table} (query_id, date, hits) SELECT id, %(today)s, 1 FROM counted
        ON CONFLICT (query_id, date) DO UPDATE SET hits = {hits_table}.hits + 1
    """
    try:
        # Inside a transaction (a test, a view under ``atomic``), a savepoint keeps a failure from
        # breaking it; in autocommit the statement is its own transaction.
        with transaction.atomic() if connection.in_atomic_block else nullcontext():
            with connection.cursor() as cursor:
                cursor.execute(sql, {"query": query_string, "today": today})
    except DatabaseError:
        logger.warning("Search query could not be counted: %r", query_string, exc_info=True)

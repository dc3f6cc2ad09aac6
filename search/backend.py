"""The site's database search backend: Wagtail's (modelsearch's) SQLite FTS5 and PostgreSQL
backends, with the site's French analysis and a ranking computed in the database's own engine.

Why this module exists (the one place where we work around the library):

- Analysis. SQLite FTS5 only tokenises, and PostgreSQL's ``french`` configuration neither folds
  accents nor knows our references (``P-07``) or numbers (``1 400``). So the indexer stores the
  text as ``search.analysis`` analyses it (elision, stop words, accent folding, Snowball stems
  in the page's language: PostgreSQL's ``french_stem`` is that same Snowball stemmer), through
  PostgreSQL's ``simple`` configuration; queries go through the same analysis. SQLite and
  PostgreSQL then find the same pages, and the engines do the same with their own analysers.
- Matching. Every word is optional (a missing word lowers the rank, it does not empty the
  results), a word of 4 letters or more also finds longer words, synonyms are alternatives.
- Ranking. modelsearch computes the score in a correlated subquery per matching row: 10 s for
  2,500 matches out of 10,000 pages on SQLite. Here one query reads the matches with FTS5's
  ``bm25()`` (title weighted 4, body 1) or PostgreSQL's ``ts_rank``, one cheap query per word
  says which words each page has, and the pages sort by: number of query words found, the
  title being the query (then containing it), then the engine's score.

Fields with a boost above 1 (summary, reference) are repeated in the body on SQLite, whose index
entry has a title and a body only. Everything else (indexing on publish, ``update_index``,
autocomplete, filters) is Wagtail's.
"""

import functools
from collections import OrderedDict

from django.db import connection, connections
from django.utils import translation
from modelsearch.backends.database.postgres import postgres
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.index import SearchField
from modelsearch.query import PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from search.analysis import analyse, language_of, query_groups

TITLE_WEIGHT = 4.0
# At most this many matches are ranked (the most relevant first): more is noise for a reader.
MAX_MATCHES = 10_000


@functools.lru_cache(maxsize=16)
def _language_of_locale(locale_id):
    from wagtail.models import Locale

    code = Locale.objects.filter(pk=locale_id).values_list("language_code", flat=True).first()
    return language_of(code)


def object_language(obj):
    locale_id = getattr(obj, "locale_id", None)
    return _language_of_locale(locale_id) if locale_id else "fr"


class AnalysedFieldsMixin:
    """An indexer whose text fields are stored analysed, in the language of the object."""

    def prepare_field(self, obj, field):
        for item in super().prepare_field(obj, field):
            if isinstance(field, SearchField):
                *head, value = item
                text = analyse(value, object_language(self.obj))
                if self.REPEAT_BOOSTED and field.field_name != "title" and (field.boost or 1) > 1:
                    text = " ".join([text] * round(field.boost))
                yield (*head, text)
            else:
                yield item


class SQLiteIndexer(AnalysedFieldsMixin, sqlite.ObjectIndexer):
    REPEAT_BOOSTED = True


class PostgresIndexer(AnalysedFieldsMixin, postgres.ObjectIndexer):
    REPEAT_BOOSTED = False  # PostgreSQL keeps the boosts as tsvector weights


class SQLiteIndex(sqlite.SQLiteIndex):
    def add_items(self, model, objs):
        """modelsearch 1.3's ``SQLiteIndex.add_items``, with the site's indexer."""
        if not model.get_search_fields():
            return
        indexers = [SQLiteIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {indexer.id: (indexer.title, indexer.autocomplete, indexer.body) for indexer in indexers}
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = frozenset(entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True))
        for object_id in indexed:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(title=title, autocomplete=autocomplete, body=body)
        self.entries.bulk_create(
            sqlite.IndexEntry(
                content_type_id=content_type_pk,
                object_id=object_id,
                title=title,
                autocomplete=autocomplete,
                body=body,
            )
            for object_id, (title, autocomplete, body) in data.items()
            if object_id not in indexed
        )
        self._refresh_title_norms()


class PostgresIndex(postgres.PostgresIndex):
    def add_items(self, model, objs):
        """modelsearch 1.3's ``PostgresIndex.add_items``, with the site's indexer."""
        if not model.get_search_fields():
            return
        indexers = [PostgresIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        compiler = postgres.InsertQuery(postgres.IndexEntry).get_compiler(connection=self.write_connection)
        rows, params = [], []
        for indexer in indexers:
            params.extend((content_type_pk, indexer.id))
            vectors = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(postgres.IndexEntry._meta.get_field(name), getattr(indexer, name))
                sql, value_params = value.as_sql(compiler, self.write_connection)
                vectors.append(sql)
                params.extend(value_params)
            params.extend((indexer.title_text, indexer.body_text))
            rows.append(f"(%s, %s, {vectors[0]}, {vectors[1]}, {vectors[2]}, 1.0, %s, %s)")
        table = postgres.IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, title_norm,
                                     title_text, body_text)
                (VALUES {", ".join(rows)})
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0,
                              autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body,
                              title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
                """,  # noqa: S608 - only placeholders and compiled vectors are interpolated
                params,
            )
        self._refresh_title_norms()


def title_relevance(groups, title_terms):
    """How much the title is the query: (query words in the title, the title is exactly the
    query, the share of the title's words that the query names)."""
    in_title, named = 0, set()
    for group in groups:
        for alternative in group.alternatives:
            positions = [
                next((i for i, t in enumerate(title_terms) if t == term or (group.prefix and t.startswith(term))), None)
                for term in alternative
            ]
            if None not in positions:
                in_title += 1
                named.update(positions)
                break
    exact = in_title == len(groups) and len(named) == len(title_terms)
    return in_title, exact, len(named) / len(title_terms) if title_terms else 0.0


class RankedSearchMixin:
    """``search()`` for a plain-text query: the matches ranked in the engine, in Python order.

    Other queries (``MATCH_ALL``, phrases, ``Not``…) keep modelsearch's behaviour.
    """

    def _plain_text(self):
        if isinstance(self.query, PlainText) and not self.fields:
            return self.query.query_string
        return None

    @functools.cached_property
    def ranking(self):
        """``[(object_id, sort key)]`` of the matches, best first; ``None`` for other queries."""
        query = self._plain_text()
        if query is None:
            return None
        groups = query_groups(query, translation.get_language() or "fr")
        if not groups:
            return []
        content_types = set(get_descendants_content_types_pks(self.queryset.model))
        matches = self.matches(groups, content_types)
        if not matches:
            return []
        words = self.words_found(groups, content_types) if len(groups) > 1 else None
        ranking = []
        for entry_id, object_id, score, title in matches:
            found = words.get(entry_id, 0) if words is not None else 1
            ranking.append((object_id, (found, *title_relevance(groups, (title or "").split()), score)))
        ranking.sort(key=lambda item: item[1], reverse=True)
        return ranking

    def matching_pks(self):
        """The primary keys of the queryset's objects that match, in rank order."""
        if "matching_pks" not in self.__dict__:
            ranking = self.ranking
            pk_field = self.queryset.model._meta.pk
            ordered = OrderedDict((pk_field.to_python(object_id), key) for object_id, key in ranking)
            allowed = set()
            keys = list(ordered)
            for start in range(0, len(keys), 5000):
                chunk = keys[start : start + 5000]
                allowed.update(self.queryset.filter(pk__in=chunk).values_list("pk", flat=True))
            self.__dict__["matching_pks"] = [(pk, key) for pk, key in ordered.items() if pk in allowed]
        return self.__dict__["matching_pks"]

    def search(self, config, start, stop, score_field=None, **kwargs):
        if self.ranking is None:
            return super().search(config, start, stop, score_field=score_field, **kwargs)
        matching = self.matching_pks()
        if not self.order_by_relevance:
            queryset = self.queryset.filter(pk__in=[pk for pk, _key in matching])
            if not queryset.query.order_by:
                queryset = queryset.order_by("-pk")
            return list(queryset[start:stop])
        window = matching[start:stop]
        objects = self.queryset.in_bulk([pk for pk, _key in window])
        results = []
        for pk, key in window:
            if pk in objects:
                if score_field:
                    setattr(objects[pk], score_field, key[-1])
                results.append(objects[pk])
        return results

    def count(self):
        if self.ranking is None:
            return None
        return len(self.matching_pks())


class SQLiteRankedCompiler(RankedSearchMixin, sqlite.SQLiteSearchQueryCompiler):
    @staticmethod
    def match_expression(groups):
        def alternative(terms, prefix):
            return f'"{" ".join(terms)}"' + ("*" if prefix and len(terms) == 1 else "")

        parts = [
            "(" + " OR ".join(alternative(alt, group.prefix) for alt in group.alternatives) + ")"
            for group in groups
        ]
        return "{title body} : (" + " OR ".join(parts) + ")"

    def _cursor(self):
        return connections[sqlite.router.db_for_read(sqlite.IndexEntry)].cursor()

    def matches(self, groups, content_types):
        fts = sqlite.SQLiteFTSIndexEntry._meta.db_table
        entries = sqlite.IndexEntry._meta.db_table
        with self._cursor() as cursor:
            cursor.execute(
                f"""SELECT e.id, e.object_id, e.content_type_id, -bm25({fts}, 0.0, 1.0, %s), {fts}.title
                    FROM {fts} JOIN {entries} e ON e.id = {fts}.rowid
                    WHERE {fts} MATCH %s ORDER BY bm25({fts}, 0.0, 1.0, %s) LIMIT %s""",  # noqa: S608
                [TITLE_WEIGHT, self.match_expression(groups), TITLE_WEIGHT, MAX_MATCHES],
            )
            rows = cursor.fetchall()
        return [(row[0], row[1], row[3], row[4]) for row in rows if row[2] in content_types]

    def words_found(self, groups, content_types):
        fts = sqlite.SQLiteFTSIndexEntry._meta.db_table
        found = {}
        with self._cursor() as cursor:
            for group in groups:
                cursor.execute(
                    f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s",  # noqa: S608
                    [self.match_expression([group])],
                )
                for (rowid,) in cursor.fetchall():
                    found[rowid] = found.get(rowid, 0) + 1
        return found


class PostgresRankedCompiler(RankedSearchMixin, postgres.PostgresSearchQueryCompiler):
    @staticmethod
    def tsquery(groups):
        def alternative(terms, prefix):
            if len(terms) > 1:
                return "(" + " <-> ".join(terms) + ")"
            return terms[0] + (":*" if prefix else "")

        return " | ".join(
            "(" + " | ".join(alternative(alt, group.prefix) for alt in group.alternatives) + ")"
            for group in groups
        )

    def matches(self, groups, content_types):
        table = postgres.IndexEntry._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"""SELECT e.id, e.object_id, e.content_type_id,
                           %s * ts_rank(e.title, q) + ts_rank(e.body, q) AS score, e.title_text
                    FROM {table} e, to_tsquery('simple', %s) q
                    WHERE (e.title @@ q OR e.body @@ q) AND e.content_type_id = ANY(%s)
                    ORDER BY score DESC LIMIT %s""",  # noqa: S608
                [TITLE_WEIGHT, self.tsquery(groups), list(content_types), MAX_MATCHES],
            )
            return [(row[0], row[1], row[3], row[4]) for row in cursor.fetchall()]

    def words_found(self, groups, content_types):
        table = postgres.IndexEntry._meta.db_table
        sums = " + ".join(
            "(e.title @@ to_tsquery('simple', %s) OR e.body @@ to_tsquery('simple', %s))::int" for _ in groups
        )
        params = [value for group in groups for value in (self.tsquery([group]),) * 2]
        with connection.cursor() as cursor:
            cursor.execute(
                f"""SELECT e.id, {sums} FROM {table} e, to_tsquery('simple', %s) q
                    WHERE (e.title @@ q OR e.body @@ q) AND e.content_type_id = ANY(%s)""",  # noqa: S608
                [*params, self.tsquery(groups), list(content_types)],
            )
            return dict(cursor.fetchall())


class RankedResultsMixin:
    def _do_count(self):
        count = self.query_compiler.count()
        return super()._do_count() if count is None else count


class SQLiteResults(RankedResultsMixin, sqlite.SQLiteSearchResults):
    pass


class PostgresResults(RankedResultsMixin, postgres.PostgresSearchResults):
    pass


class SQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    query_compiler_class = SQLiteRankedCompiler
    index_class = SQLiteIndex
    results_class = SQLiteResults


class PostgresSearchBackend(postgres.PostgresSearchBackend):
    query_compiler_class = PostgresRankedCompiler
    index_class = PostgresIndex
    results_class = PostgresResults

    def __init__(self, params):
        super().__init__(params)
        # The text arrives analysed (see the module's docstring).
        self.config = "simple"


def SearchBackend(params):  # noqa: N802 - Wagtail looks the backend up by this name
    """The backend for the default database: PostgreSQL or SQLite with FTS5."""
    if connection.vendor == "postgresql":
        return PostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        return SQLiteSearchBackend(params)
    raise NotImplementedError(f"No search backend for the {connection.vendor} database")  # pragma: no cover


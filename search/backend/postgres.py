"""The PostgreSQL backend (see ``search.backend``): ``ts_rank`` over analysed text.

Why a second table: a frequent word is in a third of the pages or more, and PostgreSQL then
reads every matching entry, its body tsvector included (compressed, often out of line): some
80 ms at 10,000 pages for two words. ``search_entryterms`` (migration ``search.0002``) holds of
each entry what the first pass needs, small enough to be read uncompressed: its words without
positions (``strip(title || body)``), its title vector and analysed title. The body is then read
for the ``RANKED`` best candidates only (their ``ts_rank``), and for the entries that have all
the words of a synonym phrase (a phrase needs positions).
"""

from dataclasses import replace
from itertools import chain

from django.db import connection
from modelsearch.backends.database.postgres import postgres
from modelsearch.utils import get_content_type_pk

from .common import (
    TITLE_WEIGHT,
    AnalysedFieldsMixin,
    RankedResultsMixin,
    RankedSearchMixin,
    best_candidates,
    weighed_titles,
)

# The words, title and analysed title of each index entry (see the module's docstring).
TERMS = "search_entryterms"


class PostgresIndexer(AnalysedFieldsMixin, postgres.ObjectIndexer):
    REPEAT_BOOSTED = False  # PostgreSQL keeps the boosts as tsvector weights


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
                WITH entries AS (
                    INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, title_norm,
                                         title_text, body_text)
                    (VALUES {", ".join(rows)})
                    ON CONFLICT (content_type_id, object_id)
                    DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0,
                                  autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body,
                                  title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
                    RETURNING id, title, body, title_text
                )
                INSERT INTO {TERMS} (entry_id, terms, title, title_text)
                SELECT id, strip(title || body), title, title_text FROM entries
                ON CONFLICT (entry_id) DO UPDATE SET terms = EXCLUDED.terms, title = EXCLUDED.title,
                                                     title_text = EXCLUDED.title_text
                """,  # noqa: S608 - only placeholders and compiled vectors are interpolated
                params,
            )
        self._refresh_title_norms()


class PostgresRankedCompiler(RankedSearchMixin, postgres.PostgresSearchQueryCompiler):
    @staticmethod
    def tsquery(groups, phrase="<->"):
        """The groups as a tsquery; ``phrase="&"`` for a phrase's words anywhere (on ``TERMS``)."""

        def alternative(terms, prefix):
            if len(terms) > 1:
                return "(" + f" {phrase} ".join(terms) + ")"
            return terms[0] + (":*" if prefix else "")

        return " | ".join(
            "(" + " | ".join(alternative(alt, group.prefix) for alt in group.alternatives) + ")" for group in groups
        )

    def _rows(self, sql, params):
        with connection.cursor() as cursor:
            sql = sql.replace("ENTRIES", postgres.IndexEntry._meta.db_table).replace("TERMS", TERMS)
            cursor.execute(sql, params)
            return cursor.fetchall()

    def group_match(self, group):
        """SQL true when an entry of ``TERMS`` (``t``) has one of the group's alternatives, and
        its parameters: a word from the stripped words; a phrase from the title, or from the
        body's positions for the entries that have all its words."""
        singles = [alternative for alternative in group.alternatives if len(alternative) == 1]
        parts, params = [], []
        if singles:
            parts.append("t.terms @@ to_tsquery('simple', %s)")
            params.append(self.tsquery([replace(group, alternatives=tuple(singles))]))
        for phrase in (alternative for alternative in group.alternatives if len(alternative) > 1):
            parts.append(
                "t.title @@ to_tsquery('simple', %s) OR (t.terms @@ to_tsquery('simple', %s) AND EXISTS "
                "(SELECT FROM ENTRIES e WHERE e.id = t.entry_id AND e.body @@ to_tsquery('simple', %s)))"
            )
            alone = [replace(group, alternatives=(phrase,))]
            exact = self.tsquery(alone)
            params.extend((exact, self.tsquery(alone, phrase="&"), exact))
        return "(" + " OR ".join(parts) + ")", params

    def collect(self, groups):
        """One pass over ``TERMS`` (the entries that have a query word, how many of the query's
        words, their titles), then the engine's score of the ``best_candidates`` (the title's
        ``ts_rank`` ranking the title matches among them).

        The matches come back as one array of entry ids per number of words found, and a row
        per title match only: a frequent word matches most of the site, and ten thousand rows
        cost more to send and read than the scan that finds them. Within a number of words the
        ids are in their order (the index's order of the other backends)."""
        matches = [self.group_match(group) for group in groups]
        found = " + ".join(f"({sql})::int" for sql, _params in matches)
        rows = self._rows(
            f"""WITH m AS MATERIALIZED (
                    SELECT t.entry_id, {found} AS found,
                           CASE WHEN t.title @@ q THEN t.title_text END AS title,
                           CASE WHEN t.title @@ q THEN ts_rank(t.title, q) END AS rank
                    FROM TERMS t, to_tsquery('simple', %s) q WHERE t.terms @@ to_tsquery('simple', %s)
                )
                SELECT found, array_agg(entry_id ORDER BY entry_id), NULL, NULL, NULL
                FROM m WHERE found > 0 GROUP BY found
                UNION ALL
                SELECT found, NULL, entry_id, title, rank FROM m WHERE found > 0 AND title IS NOT NULL""",  # noqa: S608
            [*(value for _sql, params in matches for value in params), self.tsquery(groups), self.tsquery(groups, "&")],
        )
        # (A phrase's words apart are not a match: ``found`` 0.)
        levels, title_ranks, titles = {}, {}, {}
        for found_words, ids, entry_id, title, title_rank in rows:
            if ids is not None:
                levels[found_words] = ids
            else:
                title_ranks[entry_id] = title_rank
                titles[entry_id] = title
        everything = list(chain.from_iterable(levels[level] for level in sorted(levels, reverse=True)))
        words = None
        if len(groups) > 1:
            words = {}
            for level, ids in levels.items():
                words.update(dict.fromkeys(ids, level))
        candidates = best_candidates(everything, words, title_ranks)
        titles = {entry_id: titles[entry_id] for entry_id in weighed_titles(title_ranks, candidates)}
        scores = {}
        if candidates:
            scores = dict(
                self._rows(
                    """SELECT e.id, %s * ts_rank(e.title, q) + ts_rank(e.body, q)
                       FROM ENTRIES e, to_tsquery('simple', %s) q WHERE e.id = ANY(%s)""",
                    [TITLE_WEIGHT, self.tsquery(groups), candidates],
                )
            )
        return everything, words, scores, titles


class PostgresResults(RankedResultsMixin, postgres.PostgresSearchResults):
    pass


class PostgresSearchBackend(postgres.PostgresSearchBackend):
    query_compiler_class = PostgresRankedCompiler
    index_class = PostgresIndex
    results_class = PostgresResults

    def __init__(self, params):
        super().__init__(params)
        # The text arrives analysed (see the module's docstring).
        self.config = "simple"

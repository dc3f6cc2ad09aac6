"""The PostgreSQL backend (see ``search.backend``): ``ts_rank`` over analysed text."""

import heapq

from django.db import connection
from modelsearch.backends.database.postgres import postgres
from modelsearch.utils import get_content_type_pk

from .common import RANKED, TITLE_WEIGHT, AnalysedFieldsMixin, RankedResultsMixin, RankedSearchMixin


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

    def _rows(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql.replace("ENTRIES", postgres.IndexEntry._meta.db_table), params)
            return cursor.fetchall()

    def collect(self, groups):
        """Everything in one pass over the matching entries: when a word is in a third of the
        pages PostgreSQL reads the table rather than the GIN indexes, and each pass costs the
        reading of every body's tsvector."""
        has_word = "(e.title @@ to_tsquery('simple', %s) OR e.body @@ to_tsquery('simple', %s))::int"
        found = " + ".join(has_word for _ in groups)
        words_params = [value for group in groups for value in (self.tsquery([group]),) * 2]
        rows = self._rows(
            f"""SELECT e.id, {found}, CASE WHEN e.title @@ q THEN e.title_text END,
                       %s * ts_rank(e.title, q) + ts_rank(e.body, q)
                FROM ENTRIES e, to_tsquery('simple', %s) q WHERE e.title @@ q OR e.body @@ q""",  # noqa: S608
            [*words_params, TITLE_WEIGHT, self.tsquery(groups)],
        )
        everything = [row[0] for row in rows]
        words = {row[0]: row[1] for row in rows} if len(groups) > 1 else None
        titles = {row[0]: row[2] for row in rows if row[2]}
        scores = {row[0]: row[3] for row in heapq.nlargest(RANKED, rows, key=lambda row: row[3])}
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

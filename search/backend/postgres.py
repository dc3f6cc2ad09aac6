"""The PostgreSQL backend (see ``search.backend``): ``ts_rank`` over analysed text."""

from django.db import connection
from modelsearch.backends.database.postgres import postgres
from modelsearch.utils import get_content_type_pk

from .common import TITLE_WEIGHT, AnalysedFieldsMixin, RankedResultsMixin, RankedSearchMixin


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

    def all_matches(self, groups):
        rows = self._rows(
            "SELECT e.id FROM ENTRIES e, to_tsquery('simple', %s) q WHERE e.title @@ q OR e.body @@ q",
            [self.tsquery(groups)],
        )
        return [row[0] for row in rows]

    def best_matches(self, groups, limit):
        return self._rows(
            """SELECT e.id, %s * ts_rank(e.title, q) + ts_rank(e.body, q) AS score
               FROM ENTRIES e, to_tsquery('simple', %s) q WHERE e.title @@ q OR e.body @@ q
               ORDER BY score DESC LIMIT %s""",
            [TITLE_WEIGHT, self.tsquery(groups), limit],
        )

    def title_matches(self, groups):
        return dict(
            self._rows(
                "SELECT e.id, e.title_text FROM ENTRIES e, to_tsquery('simple', %s) q WHERE e.title @@ q",
                [self.tsquery(groups)],
            )
        )

    def words_found(self, groups):
        sums = " + ".join(
            "(e.title @@ to_tsquery('simple', %s) OR e.body @@ to_tsquery('simple', %s))::int" for _ in groups
        )
        params = [value for group in groups for value in (self.tsquery([group]),) * 2]
        return dict(
            self._rows(
                f"""SELECT e.id, {sums} FROM ENTRIES e, to_tsquery('simple', %s) q
                    WHERE e.title @@ q OR e.body @@ q""",
                [*params, self.tsquery(groups)],
            )
        )


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

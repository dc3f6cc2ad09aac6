"""The SQLite FTS5 backend (see ``search.backend``): ``bm25()`` with the title weighted."""

from django.db import connections
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.utils import get_content_type_pk

from .common import MAX_MATCHES, TITLE_WEIGHT, AnalysedFieldsMixin, RankedResultsMixin, RankedSearchMixin


class SQLiteIndexer(AnalysedFieldsMixin, sqlite.ObjectIndexer):
    REPEAT_BOOSTED = True


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


class SQLiteRankedCompiler(RankedSearchMixin, sqlite.SQLiteSearchQueryCompiler):
    @staticmethod
    def match_expression(groups, columns="title body"):
        def alternative(terms, prefix):
            return f'"{" ".join(terms)}"' + ("*" if prefix and len(terms) == 1 else "")

        parts = [
            "(" + " OR ".join(alternative(alt, group.prefix) for alt in group.alternatives) + ")"
            for group in groups
        ]
        return "{" + columns + "} : (" + " OR ".join(parts) + ")"

    def _cursor(self):
        return connections[sqlite.router.db_for_read(sqlite.IndexEntry)].cursor()

    def matches(self, groups, content_types):
        fts = sqlite.SQLiteFTSIndexEntry._meta.db_table
        entries = sqlite.IndexEntry._meta.db_table
        with self._cursor() as cursor:
            cursor.execute(
                f"""SELECT e.id, e.object_id, e.content_type_id, -bm25({fts}, 0.0, 1.0, %s)
                    FROM {fts} JOIN {entries} e ON e.id = {fts}.rowid
                    WHERE {fts} MATCH %s ORDER BY bm25({fts}, 0.0, 1.0, %s) LIMIT %s""",  # noqa: S608
                [TITLE_WEIGHT, self.match_expression(groups), TITLE_WEIGHT, MAX_MATCHES],
            )
            rows = cursor.fetchall()
        return [(row[0], row[1], row[3]) for row in rows if row[2] in content_types]

    def title_matches(self, groups, content_types):
        fts = sqlite.SQLiteFTSIndexEntry._meta.db_table
        with self._cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, title FROM {fts} WHERE {fts} MATCH %s",  # noqa: S608
                [self.match_expression(groups, columns="title")],
            )
            return dict(cursor.fetchall())

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


class SQLiteResults(RankedResultsMixin, sqlite.SQLiteSearchResults):
    pass


class SQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    query_compiler_class = SQLiteRankedCompiler
    index_class = SQLiteIndex
    results_class = SQLiteResults

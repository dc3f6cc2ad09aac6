"""The SQLite FTS5 backend (see ``search.backend``): ``bm25()`` with the title weighted."""

from django.db import connections
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.utils import get_content_type_pk

from .common import TITLE_WEIGHT, AnalysedFieldsMixin, RankedResultsMixin, RankedSearchMixin


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

    def _rows(self, sql, params):
        with self._cursor() as cursor:
            cursor.execute(sql.replace("FTS", sqlite.SQLiteFTSIndexEntry._meta.db_table), params)
            return cursor.fetchall()

    def all_matches(self, groups):
        rows = self._rows("SELECT rowid FROM FTS WHERE FTS MATCH %s", [self.match_expression(groups)])
        return [row[0] for row in rows]

    def title_matches(self, groups):
        expression = self.match_expression(groups, "title")
        return [row[0] for row in self._rows("SELECT rowid FROM FTS WHERE FTS MATCH %s", [expression])]

    def titles(self, entry_ids):
        if not entry_ids:
            return {}
        placeholders = ", ".join(["%s"] * len(entry_ids))
        return dict(self._rows(f"SELECT rowid, title FROM FTS WHERE rowid IN ({placeholders})", entry_ids))  # noqa: S608

    def scores(self, groups, entry_ids):
        """``bm25`` of the candidates only: ``+rowid`` keeps the candidates a filter (FTS5 would
        otherwise run the match once per rowid); ``bm25`` is computed for the rows it lets by."""
        if not entry_ids:
            return {}
        placeholders = ", ".join(["%s"] * len(entry_ids))
        return dict(
            self._rows(
                f"SELECT rowid, -bm25(FTS, 0.0, 1.0, %s) FROM FTS WHERE FTS MATCH %s AND +rowid IN ({placeholders})",  # noqa: S608
                [TITLE_WEIGHT, self.match_expression(groups), *entry_ids],
            )
        )

    def words_found(self, groups):
        found = {}
        for group in groups:
            for (rowid,) in self._rows("SELECT rowid FROM FTS WHERE FTS MATCH %s", [self.match_expression([group])]):
                found[rowid] = found.get(rowid, 0) + 1
        return found


class SQLiteResults(RankedResultsMixin, sqlite.SQLiteSearchResults):
    pass


class SQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    query_compiler_class = SQLiteRankedCompiler
    index_class = SQLiteIndex
    results_class = SQLiteResults

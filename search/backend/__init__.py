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
  2,500 matches out of 10,000 pages on SQLite. Here cheap queries say which words each match
  has and whether its title has one, the engine scores the best candidates only (FTS5's
  ``bm25()``, title weighted 4, body 1, or PostgreSQL's ``ts_rank``), and the pages sort by:
  number of query words found, the title being the query (then containing it), then the
  engine's score (``common.best_candidates``; PostgreSQL's first pass reads a narrow table of
  words, see ``postgres``).

Fields with a boost above 1 (summary, reference) are repeated in the body on SQLite, whose index
entry has a title and a body only. Everything else (indexing on publish, ``update_index``,
autocomplete, filters) is Wagtail's.
"""

from django.db import connection


def SearchBackend(params):  # noqa: N802 - Wagtail looks the backend up by this name
    """The backend for the default database: PostgreSQL or SQLite with FTS5."""
    # Each vendor's module imports models that exist only on that vendor.
    if connection.vendor == "postgresql":
        from .postgres import PostgresSearchBackend

        return PostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from .sqlite import SQLiteSearchBackend

        return SQLiteSearchBackend(params)
    raise NotImplementedError(f"No search backend for the {connection.vendor} database")  # pragma: no cover


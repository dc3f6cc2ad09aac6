"""The news section: ``NewsIndexPage`` (/fr/actualites/, with RSS and Atom feeds) → ``ArticlePage``."""

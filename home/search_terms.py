"""What a visitor typed, made into a query every search backend accepts: the one cleaning that
the site's search page and the API's ``?search=`` share.

Full-text engines read quotes, brackets, ``*``, ``^``, ``:``, ``-`` at the start of a word,
``AND``/``OR``/``NOT`` as syntax (SQLite's FTS5 raises on an unbalanced quote), PostgreSQL
refuses NUL characters, and Django's expression compiler recurses once per word; so control
characters go, syntax characters become spaces, words are lower-cased and their number is
bounded.
"""

import re
import unicodedata

MAX_QUERY_LENGTH = 200
MAX_TERMS = 32
# Words, digits, apostrophes (elisions: « l'art ») and hyphens (Saint-Jacques) are kept.
ENGINE_SYNTAX = re.compile(r"[^\w\s'’-]")


def clean_query(raw):
    """The query as shown back to the visitor: no control characters, trimmed."""
    text = "".join(ch for ch in str(raw) if unicodedata.category(ch)[0] != "C" or ch in " \t")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def terms_for_engine(query):
    """The words of the query, lower-cased so no word reads as an operator (AND, OR, NOT), at
    most ``MAX_TERMS`` of them."""
    return " ".join(ENGINE_SYNTAX.sub(" ", query).lower().split()[:MAX_TERMS])

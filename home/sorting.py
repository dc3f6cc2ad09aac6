"""Alphabetical order as a French reader expects it, accents and case ignored, in SQL.

SQLite and PostgreSQL (with the C collation) order by code point, so « Économie » comes after
« Vie associative ». Collations differ by database; folding the accents of French in the query
(``Replace`` and ``Lower`` exist on both) orders the same everywhere.
"""

from django.db.models import Value
from django.db.models.functions import Lower, Replace

# The accented letters that start or fill French words most often. SQLite's parser allows about
# 25 nested functions: twelve replacements keep a margin inside larger queries.
FRENCH_ACCENTS = {
    "É": "e",
    "È": "e",
    "Ê": "e",
    "À": "a",
    "Ç": "c",
    "Î": "i",
    "Ô": "o",
    "Œ": "oe",
    "é": "e",
    "è": "e",
    "ê": "e",
    "à": "a",
}


def french_sort_key(field):
    """An expression of ``field`` lower-cased and without French accents, to order by."""
    expression = field
    for accented, plain in FRENCH_ACCENTS.items():
        # SQLite's lower() folds ASCII letters only: « É » is replaced, not lowered.
        expression = Replace(expression, Value(accented), Value(plain))
    return Lower(expression)

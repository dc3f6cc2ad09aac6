"""The names machine translation must leave in French, from ``translation/data/glossary.txt``.

Before a string goes to a translation service, each glossary term in its text becomes an empty
placeholder element, ``<x id="0"/>``: both services keep the tags of a string in place (DeepL
with ``tag_handling=xml``, LibreTranslate with ``format=html``) and find no text in it to
translate. The terms are put back in the answer. A string whose placeholders do not all come
back, once each, is dropped, so that a person translates it, rather than saved with a name lost.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.html import escape

GLOSSARY_FILE = Path(__file__).resolve().parent / "data" / "glossary.txt"

# Split a string into its inline tags (kept as they are) and the text between them.
_TAGS = re.compile(r"(<[^>]*>)")
# A placeholder as the services send it back: self-closing, or opened and closed
# (LibreTranslate's HTML parser writes ``<x id="0"></x>``), quotes and spaces as they come.
_PLACEHOLDER = re.compile(r"""<x\s+id\s*=\s*["']?(\d+)["']?\s*/?>(?:</x>)?""", re.IGNORECASE)
_ANY_PLACEHOLDER_TAG = re.compile(r"</?x\b", re.IGNORECASE)


def read_terms(path=GLOSSARY_FILE):
    """The terms of a glossary file: one a line, blank lines and ``#`` comments ignored."""
    lines = (line.strip() for line in Path(path).read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


@dataclass(frozen=True)
class Protected:
    """A string ready for a service: its text with placeholders, and the terms they replace."""

    text: str
    terms: tuple[str, ...]


class Glossary:
    def __init__(self, terms):
        # The text of a segment is HTML: « l'Amitié » may be stored as « l&#x27;Amitié », and
        # French typography writes « l’Amitié ».
        forms = {form for term in terms for form in (term, escape(term), term.replace("'", "’"))}
        self.terms = tuple(terms)
        # Longest first, so that « Grand Besançon Métropole » is not cut after « Grand Besançon ».
        alternatives = "|".join(re.escape(form) for form in sorted(forms, key=lambda form: (-len(form), form)))
        self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if forms else None

    def protect(self, data):
        """``data`` (a segment's HTML) with each term outside its tags replaced by a placeholder."""
        if self._pattern is None:
            return Protected(data, ())
        found = []

        def placeholder(match):
            found.append(match.group(0))
            return f'<x id="{len(found) - 1}"/>'

        parts = _TAGS.split(data)
        # Odd parts are the tags themselves: their names and ids are never glossary terms.
        text = "".join(part if index % 2 else self._pattern.sub(placeholder, part) for index, part in enumerate(parts))
        return Protected(text, tuple(found))

    def restore(self, translated, protected):
        """The service's answer with the terms back in, or None when a placeholder went missing,
        came back twice or was altered."""
        seen = []

        def term(match):
            index = int(match.group(1))
            seen.append(index)
            return protected.terms[index] if index < len(protected.terms) else match.group(0)

        restored = _PLACEHOLDER.sub(term, translated)
        if sorted(seen) != list(range(len(protected.terms))) or _ANY_PLACEHOLDER_TAG.search(restored):
            return None
        return restored


@lru_cache(maxsize=1)
def site_glossary():
    """The site's glossary, read once per process."""
    return Glossary(read_terms())

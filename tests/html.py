"""Read the site's HTML in tests as a browser would: elements, attributes and text, not strings.

``soup(response)`` parses a response (or bytes, or text) with BeautifulSoup's ``html.parser``;
``text_of(element)`` gives an element's text with every kind of space (no-break, narrow
no-break, new lines) as one plain space; ``one(tree, selector)`` is the single element a CSS
selector matches, and fails when there are none or several.
"""

import re

from bs4 import BeautifulSoup

SPACES = re.compile(r"[\s\u00a0\u202f]+")
# The one script of the pages: the search box's autocompletion (a progressive enhancement).
AUTOCOMPLETE_SCRIPT = "/static/search/autocomplete.js"


def soup(source):
    """The parsed document of a response, bytes or text."""
    if hasattr(source, "content"):
        source = source.content
    if isinstance(source, bytes):
        source = source.decode("utf-8")
    return BeautifulSoup(source, "html.parser")


def normalise(text):
    """``text`` with every run of spaces (no-break and narrow no-break too) as one plain space."""
    return SPACES.sub(" ", text or "").strip()


def text_of(element):
    """The text of ``element`` and its descendants, spaces normalised."""
    return normalise(element.get_text())


def texts(elements):
    """``text_of`` of each element, in document order."""
    return [text_of(element) for element in elements]


def one(tree, selector):
    """The only element under ``tree`` matching the CSS ``selector``."""
    found = tree.select(selector)
    assert len(found) == 1, f"{len(found)} elements match {selector!r}"
    return found[0]


def spoken_text(element):
    """The text of ``element`` as a screen reader gets it: without ``aria-hidden`` parts."""
    parts = [
        text
        for text in element.find_all(string=True)
        if not any(parent.get("aria-hidden") == "true" for parent in text.parents if parent is not element)
    ]
    return normalise(" ".join(parts))


def visible_text(element):
    """The text of ``element`` as it is seen: without the ``visually-hidden`` labels."""
    parts = [
        text
        for text in element.find_all(string=True)
        if not any("visually-hidden" in (parent.get("class") or []) for parent in text.parents if parent is not element)
    ]
    return normalise("".join(parts))

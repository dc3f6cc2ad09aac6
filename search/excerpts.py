"""Highlighted extracts: the passage of a page where the query's words are, with ``<mark>``
around each word whose stem the query asked for (« associations » marks « association »)."""

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from search.analysis import WORD, language_of, normalise, tokens

EXCERPT_WORDS = 32


def page_text(page):
    """The summary, then the body's text, as search indexed them."""
    parts = [getattr(page, "summary", "") or ""]
    body = getattr(page, "body", None)
    if body is not None and hasattr(body, "stream_block"):
        parts.extend(strip_tags(str(text)) for text in body.stream_block.get_searchable_content(body))
    return " ".join(part for part in parts if part).strip()


def _matches(word, language, terms, prefixes):
    analysed = tokens(word, language)
    return bool(analysed) and any(
        token.term in terms or any(token.term.startswith(prefix) for prefix in prefixes) for token in analysed
    )


def highlight(text, language, terms, prefixes=(), *, length=EXCERPT_WORDS):
    """``text`` cut to ``length`` words around the first matched word, escaped, matches marked."""
    text = " ".join(str(text).split())
    if not text:
        return mark_safe("")
    language = language_of(language)
    words = list(WORD.finditer(text))
    marked = [m for m in words if _matches(normalise(m.group(0)), language, terms, prefixes)]
    if not marked:
        return mark_safe(escape(Truncator(text).words(length, truncate="…")))
    first = words.index(marked[0])
    start_word = max(0, first - length // 4)
    end_word = min(len(words), start_word + length)
    start = words[start_word].start() if start_word else 0
    end = words[end_word - 1].end() if end_word < len(words) else len(text)
    marked_spans = {(m.start(), m.end()) for m in marked}
    out, position = [], start
    for match in words[start_word:end_word]:
        if (match.start(), match.end()) in marked_spans:
            out.append(escape(text[position : match.start()]))
            out.append(f"<mark>{escape(match.group(0))}</mark>")
            position = match.end()
    out.append(escape(text[position:end]))
    html = "".join(out)
    return mark_safe(("… " if start_word else "") + html + (" …" if end < len(text) else ""))

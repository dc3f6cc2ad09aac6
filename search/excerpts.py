"""Highlighted extracts: the passage of a page where the query's words are, with ``<mark>``
around each word whose stem the query asked for (« associations » marks « association »)."""

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from search.analysis import WORD, fold, language_of, normalise, tokens

EXCERPT_WORDS = 32


def page_text(page):
    """The summary, then the body's text, as search indexed them."""
    parts = [getattr(page, "summary", "") or ""]
    body = getattr(page, "body", None)
    if body is not None and hasattr(body, "stream_block"):
        parts.extend(strip_tags(str(text)) for text in body.stream_block.get_searchable_content(body))
    return " ".join(part for part in parts if part).strip()


def _matches(word, language, terms, prefixes):
    analysed = tokens(normalise(word), language)
    return bool(analysed) and any(
        token.term in terms or any(token.term.startswith(prefix) for prefix in prefixes) for token in analysed
    )


def highlight(text, language, terms, prefixes=(), *, length=EXCERPT_WORDS):
    """``text`` cut to ``length`` words around the first matched word, escaped, matches marked.

    Words are analysed up to the first match and then within the extract only: a long body
    costs no more than its first paragraphs."""
    text = " ".join(str(text).split())
    if not text:
        return mark_safe("")
    language = language_of(language)
    words = list(WORD.finditer(text))
    seen = {}
    # A word can only match if its folded form begins like a term (Snowball's French and German
    # stems begin like their word): the others are not analysed.
    starts = tuple({term[:3] for term in (*terms, *prefixes) if term})

    def matches(match):
        word = match.group(0).lower()
        if word not in seen:
            seen[word] = fold(word).startswith(starts) and _matches(word, language, terms, prefixes)
        return seen[word]

    first = next((i for i, match in enumerate(words) if matches(match)), None)
    if first is None:
        return mark_safe(escape(Truncator(text).words(length, truncate="…")))
    start_word = max(0, first - length // 4)
    end_word = min(len(words), start_word + length)
    start = words[start_word].start() if start_word else 0
    end = words[end_word - 1].end() if end_word < len(words) else len(text)
    out, position = [], start
    for match in words[start_word:end_word]:
        if matches(match):
            out.append(escape(text[position : match.start()]))
            out.append(f"<mark>{escape(match.group(0))}</mark>")
            position = match.end()
    out.append(escape(text[position:end]))
    html = "".join(out)
    return mark_safe(("… " if start_word else "") + html + (" …" if end < len(text) else ""))

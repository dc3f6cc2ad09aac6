"""A word-level diff of two texts, rendered as accessible HTML.

Used by the public history of a proposal: journalists compare two published versions of its
title, summary and body. Words are compared, not characters, so the result reads like a
proofreader's marks; paragraphs are kept. Deleted words are wrapped in ``<del>``, added words in
``<ins>``, each with a visually hidden label, because most screen readers say nothing about these
elements and colour alone must not carry the meaning.
"""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

PARAGRAPH_BREAK = "\n"
# A word, a punctuation mark or a space: « tapis. » → « tapis », « . »; spaces are kept so the
# text reads as it was written.
_TOKEN = re.compile(r"\w+|[^\w\s]|\s+")
_WORD = re.compile(r"\w")


def tokenize(paragraphs):
    """Split a list of paragraphs into words, punctuation and spaces, with paragraph breaks."""
    tokens = []
    for paragraph in paragraphs:
        text = " ".join((paragraph or "").split())
        if not text:
            continue
        if tokens:
            tokens.append(PARAGRAPH_BREAK)
        tokens.extend(_TOKEN.findall(text))
    return tokens


def _count_words(tokens):
    return sum(1 for token in tokens if _WORD.match(token))


def diff_opcodes(old_tokens, new_tokens):
    """Yield ``(kind, tokens)`` with kind in ``equal``, ``delete``, ``insert``."""
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            yield "equal", old_tokens[i1:i2]
        else:
            if i2 > i1:
                yield "delete", old_tokens[i1:i2]
            if j2 > j1:
                yield "insert", new_tokens[j1:j2]


class WordDiff:
    """The comparison of two versions of one text field."""

    def __init__(self, old_paragraphs, new_paragraphs):
        self.old_tokens = tokenize(old_paragraphs)
        self.new_tokens = tokenize(new_paragraphs)
        self.chunks = list(diff_opcodes(self.old_tokens, self.new_tokens))

    @property
    def has_changes(self):
        return any(kind != "equal" for kind, _tokens in self.chunks)

    @property
    def added_words(self):
        return sum(_count_words(tokens) for kind, tokens in self.chunks if kind == "insert")

    @property
    def removed_words(self):
        return sum(_count_words(tokens) for kind, tokens in self.chunks if kind == "delete")

    def paragraphs(self):
        """The diff as a list of paragraphs, each a list of ``(kind, text)`` runs."""
        paragraphs = [[]]
        for kind, tokens in self.chunks:
            words = []
            for token in tokens:
                if token == PARAGRAPH_BREAK:
                    if words:
                        paragraphs[-1].append((kind, "".join(words)))
                        words = []
                    paragraphs.append([])
                else:
                    words.append(token)
            if words:
                paragraphs[-1].append((kind, "".join(words)))
        return [p for p in paragraphs if p]

    def as_html(self):
        """The diff as safe HTML: one ``<p>`` per paragraph, ``<del>``/``<ins>`` for changes."""
        labels = {
            "delete": (_("[supprimé :"), "]"),
            "insert": (_("[ajouté :"), "]"),
        }
        tags = {"delete": "del", "insert": "ins"}
        html = []
        for paragraph in self.paragraphs():
            runs = []
            for kind, text in paragraph:
                if kind == "equal":
                    runs.append(escape(text))
                else:
                    start, end = labels[kind]
                    runs.append(
                        f'<{tags[kind]}><span class="visually-hidden">{escape(start)} </span>'
                        f'{escape(text)}<span class="visually-hidden"> {escape(end)}</span></{tags[kind]}>'
                    )
            html.append("<p>" + "".join(runs) + "</p>")
        return mark_safe("\n".join(html))

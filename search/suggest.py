"""« Vouliez-vous dire… ? »: a query's misspelt words corrected from the site's own vocabulary.

The vocabulary is what the site names: the words of the titles of its live, public pages in the
visitor's language and in French (the source, shown when a page is not translated), the themes'
names, and the names of quartiers, cultural places and themes kept whole as phrases too
(« Porte Noire », « Clairs-Soleils »). No dictionary: a word the site never uses in a title is
not corrected into, and a correct word that no title holds may be taken for a typo of one that
does (the service asks for a suggestion when a query finds little).

A word of the query is left as typed when it is short (under 4 letters), a stop word, a number,
or known: in the vocabulary, accents and case aside, or another form of a known word (same
Snowball stem, as the search matches it). A known word typed without its accents is given them
back (« Besancon » → « Besançon »); an unknown one is replaced by the closest word of the
vocabulary within 1 edit (up to 5 letters) or 2 (longer words), an edit being a letter added,
removed, replaced, or two letters swapped (optimal string alignment distance, ``rapidfuzz``).
"""

import hashlib
import logging
from collections import Counter
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import Count, Max
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA
from wagtail.models import Page

from culture.models import CulturalPlacePage
from programme.models import Theme
from quartiers.models import QuartierPage

from .analysis import STOP_WORDS, WORD, fold, language_of, tokens

logger = logging.getLogger(__name__)

SOURCE_LANGUAGE = "fr"
# Words shorter than this are never corrected, nor suggested.
MIN_LENGTH = 4
# Words this short must begin with the same letter as their correction.
SAME_FIRST_LETTER_UP_TO = 6
# Endings that make another form of a word, not a typo (plural, feminine).
INFLECTIONS = frozenset({"s", "x", "e", "es"})
# A phrase of the query this close (``fuzz.ratio``-like, 0-100) to a name is that name.
PHRASE_SIMILARITY = 85
CACHE_PREFIX = "search:vocabulary"
# Bumped when a theme changes (``forget_vocabulary``); pages change the key themselves.
GENERATION_KEY = f"{CACHE_PREFIX}:generation"
# A page made private (not a publication) or a theme renamed in another process is seen at
# the latest this much later.
CACHE_TIMEOUT = 60 * 60


def max_edits(word):
    """How many edits a typo of ``word`` may hold: 1 up to 5 letters, 2 beyond."""
    return 1 if len(word) <= 5 else 2


@dataclass(frozen=True)
class Vocabulary:
    """The site's words, folded (« bibliotheque ») → as the titles write them (« bibliothèque »)."""

    spellings: dict  # folded word -> its most frequent lower-case spelling
    known: frozenset  # every lower-case spelling
    stems: frozenset  # Snowball stems of the words, in the language and in French
    candidates: tuple  # folded words a typo may be corrected into, most frequent first
    phrases: dict  # folded words of a name (tuple) -> the name as written


def _words(text):
    return [match.group(0) for match in WORD.finditer(text) if not any(ch.isdigit() for ch in match.group(0))]


def _phrase_key(text):
    return tuple(fold(word.lower()) for word in _words(text))


def build_vocabulary(language):
    """The vocabulary of ``language``, read from the database: two queries (three with the
    page view restrictions)."""
    language = language_of(language)
    languages = {language, SOURCE_LANGUAGE}
    named_types = {
        ContentType.objects.get_for_model(model, for_concrete_model=True).pk
        for model in (QuartierPage, CulturalPlacePage)
    }
    titles = list(
        Page.objects.live()
        .public()
        .filter(depth__gt=1, locale__language_code__in=languages)
        .values_list("title", "content_type_id")
    )
    themes = Theme.objects.filter(live=True, locale__language_code__in=languages)
    theme_names = list(themes.values_list("name", flat=True))

    names = [title for title, content_type in titles if content_type in named_types] + theme_names
    counts = Counter(word.lower() for text in [title for title, _type in titles] + theme_names for word in _words(text))
    spellings, frequency = {}, Counter()
    for spelling, count in counts.most_common():
        folded = fold(spelling)
        spellings.setdefault(folded, spelling)
        frequency[folded] += count
    stems = {
        token.term for lang in languages for spelling in counts for token in tokens(spelling, lang) if token.term
    }
    candidates = tuple(word for word, _count in frequency.most_common() if len(word) >= MIN_LENGTH)
    phrases = {}
    for name in names:
        key = _phrase_key(name)
        if len(key) > 1:
            phrases.setdefault(key, name)
    return Vocabulary(spellings, frozenset(counts), frozenset(stems), candidates, phrases)


def _cache_key(language):
    """Changes when a page is published, unpublished or deleted (the latest publication date and
    the number of live pages), and when a theme changes (``GENERATION_KEY``)."""
    stamp = Page.objects.live().aggregate(count=Count("pk"), latest=Max("last_published_at"))
    generation = cache.get(GENERATION_KEY, 0)
    raw = f"{stamp['count']}:{stamp['latest'] and stamp['latest'].isoformat()}:{generation}"
    return f"{CACHE_PREFIX}:{language_of(language)}:{hashlib.sha256(raw.encode()).hexdigest()[:16]}"


EMPTY = Vocabulary({}, frozenset(), frozenset(), (), {})


def vocabulary(language):
    """The vocabulary of ``language``, from the cache while no page or theme changed; empty (no
    suggestion) when the database fails, so that the search does not."""
    try:
        key = _cache_key(language)
        result = cache.get(key)
        if result is None:
            result = build_vocabulary(language)
            cache.set(key, result, CACHE_TIMEOUT)
    except DatabaseError:
        logger.warning("The search vocabulary could not be read", exc_info=True)
        return EMPTY
    return result


def forget_vocabulary(**kwargs):
    """Signal receiver (a theme was saved or deleted): the next look-up builds the vocabulary again."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def _has_known_stem(word, language, vocab):
    return any(token.term in vocab.stems for lang in {language, SOURCE_LANGUAGE} for token in tokens(word, lang))


def _inflected(word, other):
    """Whether one word is the other plus a plural or feminine ending (« association(s) »)."""
    shorter, longer = sorted((word, other), key=len)
    return longer.startswith(shorter) and longer[len(shorter) :] in INFLECTIONS


def _verdict(word, language, vocab):
    """``(known, spelling)``: whether the site holds ``word``, and the spelling to suggest
    (``None`` to keep it as typed)."""
    lower = word.lower()
    if lower in vocab.known:
        return True, None
    folded = fold(lower)
    if folded in vocab.spellings:
        return True, _like(word, vocab.spellings[folded])  # the accents the titles write
    closest = _closest(folded, vocab)
    if _has_known_stem(word, language, vocab) and (
        closest is None or closest[1] > 1 or _inflected(folded, closest[0])
    ):
        return True, None  # another form of a known word, which the search finds as it is
    if closest is None:
        return False, None
    return False, _like(word, vocab.spellings[closest[0]])


def is_known(word, language):
    """Whether the site's titles and names hold ``word``: accents and case aside, or another
    form of the same word (not a typo of one)."""
    return _verdict(word, language_of(language), vocabulary(language))[0]


def _like(typed, word):
    """``word`` written in the case ``typed`` was: « BESANCON » → « BESANÇON »."""
    if len(typed) > 1 and typed.isupper():
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _closest(folded, vocab):
    """The vocabulary's word nearest ``folded``, within its edits (beginning with the same letter
    for a short word: « raison » is no typo of « maison »); of those as near, one with the same
    first letter, then the most frequent."""
    found = process.extract(
        folded, vocab.candidates, scorer=OSA.distance, score_cutoff=max_edits(folded), limit=None
    )
    found = [item for item in found if len(folded) > SAME_FIRST_LETTER_UP_TO or item[0][:1] == folded[:1]]
    if not found:
        return None
    return min(found, key=lambda item: (item[1], item[0][:1] != folded[:1], item[2]))


def _corrected_word(word, language, stop_words, vocab):
    """The spelling to suggest for ``word``, or ``None`` to keep it as typed."""
    if len(word) < MIN_LENGTH or word.lower() in stop_words:
        return None
    return _verdict(word, language, vocab)[1]


def _phrase_corrections(matches, vocab):
    """``{(first, last) match index: name}`` for the runs of words of the query that are a
    misspelt name (« porte noir » → « Porte Noire »), longest names first, not overlapping."""
    folded = [fold(match.group(0).lower()) for match in matches]
    taken, result = set(), {}
    for key, name in sorted(vocab.phrases.items(), key=lambda item: -len(item[0])):
        size = len(key)
        for start in range(len(matches) - size + 1):
            span = range(start, start + size)
            window = tuple(folded[start : start + size])
            if taken.intersection(span) or window == key:
                continue
            if fuzz.ratio(" ".join(window), " ".join(key)) >= PHRASE_SIMILARITY:
                result[(start, start + size - 1)] = name
                taken.update(span)
    return result


def suggestion(query, language):
    """``query`` with its misspelt words corrected, the rest as typed; ``""`` when nothing changes."""
    language = language_of(language)
    query = str(query or "")
    matches = [match for match in WORD.finditer(query) if not any(ch.isdigit() for ch in match.group(0))]
    if not matches:
        return ""
    vocab = vocabulary(language)
    stop_words = STOP_WORDS[language] | STOP_WORDS[SOURCE_LANGUAGE]
    replacements = []  # (start offset, end offset, text)
    phrases = _phrase_corrections(matches, vocab)
    in_phrase = set()
    for (first, last), name in phrases.items():
        replacements.append((matches[first].start(), matches[last].end(), name))
        in_phrase.update(range(first, last + 1))
    for index, match in enumerate(matches):
        if index in in_phrase:
            continue
        corrected = _corrected_word(match.group(0), language, stop_words, vocab)
        if corrected is not None and corrected != match.group(0):
            replacements.append((match.start(), match.end(), corrected))
    if not replacements:
        return ""
    result, position = [], 0
    for start, end, text in sorted(replacements):
        result.append(query[position:start])
        result.append(text)
        position = end
    result.append(query[position:])
    corrected = "".join(result)
    return "" if corrected == query else corrected

"""How text becomes search terms: one analysis for the pages and for the queries, in Python for
Wagtail's database backend (SQLite FTS5 and PostgreSQL only tokenise) and as index settings for
Elasticsearch and OpenSearch, kept side by side here so that every backend finds the same pages.

The chain, in this order, as Elasticsearch's ``french`` analyzer plus accent folding:

1. normalisation of what journalists type in many ways: a proposal reference ``P-07``, ``p07``,
   ``P 07`` becomes ``p07``; a number written ``1 400`` becomes ``1400``;
2. tokenising on anything but letters and digits (``Saint-Jacques`` → ``saint``, ``jacques``);
3. elision (``l'économie`` → ``économie``) and stop words (Snowball's French list, which is
   Elasticsearch's ``_french_``), on lower-cased words;
4. accent folding (``bibliothèque`` = ``bibliotheque``);
5. Snowball stemming in the page's language (``associations`` → ``associ``), the same algorithm
   as Elasticsearch's ``snowball`` / ``stemmer`` filters with ``language: french``.

Synonyms (``data/synonyms.txt``) are expanded in the queries, not in the pages.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import snowballstemmer

SYNONYMS_FILE = Path(__file__).with_name("data") / "synonyms.txt"

STEMMERS = {"fr": "french", "en": "english", "de": "german"}

# Snowball's French stop words (Elasticsearch's ``_french_``), plus the elided articles.
FRENCH_STOP_WORDS = frozenset(
    """au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me même
    mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton
    tu un une vos votre vous c d j l à m n s t y été étée étées étés étant étante étants étantes
    suis es est sommes êtes sont serai seras sera serons serez seront serais serait serions seriez
    seraient étais était étions étiez étaient fus fut fûmes fûtes furent sois soit soyons soyez
    soient fusse fusses fût fussions fussiez fussent ayant ayante ayantes ayants eu eue eues eus ai
    as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez auraient
    avais avait avions aviez avaient eut eûmes eûtes eurent aie aies ait ayons ayez aient eusse
    eusses eût eussions eussiez eussent jusqu quoiqu lorsqu puisqu""".split()
)
# Lucene's English stop words (Elasticsearch's ``_english_``).
ENGLISH_STOP_WORDS = frozenset(
    """a an and are as at be but by for if in into is it no not of on or such that the their then
    there these they this to was will with""".split()
)
GERMAN_STOP_WORDS = frozenset(
    """aber als am an auch auf aus bei bin bis da dann das dass dem den der des die doch du ein
    eine einem einen einer eines er es für hat im in ist mit nach nicht noch oder sich sie sind
    so um und von vor war wie wir zu zum zur""".split()
)
STOP_WORDS = {"fr": FRENCH_STOP_WORDS, "en": ENGLISH_STOP_WORDS, "de": GERMAN_STOP_WORDS}

REFERENCE = re.compile(r"(?<![\w])p[\s\-]?0*(\d{1,3})(?![\w])", re.IGNORECASE)
THOUSANDS = re.compile(r"(?<=\d)[\s\u00a0\u202f.](?=\d{3}(?!\d))")
WORD = re.compile(r"[^\W_]+")
# A word typed with this many letters or more also finds the words it begins (« citad » → citadelle).
PREFIX_LENGTH = 4


def normalise(text):
    """References and numbers written one way (step 1)."""
    text = unicodedata.normalize("NFKC", str(text))
    text = REFERENCE.sub(lambda match: f"p{int(match.group(1)):02d}", text)
    return THOUSANDS.sub("", text)


@functools.lru_cache(maxsize=200_000)
def fold(word):
    """``Bibliothèque`` → ``bibliotheque``; ``œuvre`` → ``oeuvre``. Remembered: the extracts fold
    every word of the pages shown until the first match, the same words from page to page."""
    word = word.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


@functools.cache
def _stemmer(language):
    return snowballstemmer.stemmer(STEMMERS.get(language, "french"))


def language_of(language_code):
    """The analysis language for a locale's code (``fr``, ``en-gb`` → ``en``); French by default."""
    code = (language_code or "fr").split("-")[0].lower()
    return code if code in STEMMERS else "fr"


@functools.lru_cache(maxsize=200_000)
def term(word, language):
    """The index term of a lower-cased word (steps 4 and 5), remembered: a site's vocabulary is
    small and Snowball in Python costs some 100 µs a word."""
    return _stemmer(language).stemWord(fold(word))


@dataclass(frozen=True)
class Token:
    """A word of a text: as written, and as the index holds it."""

    surface: str
    term: str


def tokens(text, language="fr"):
    """The words of ``text`` that count, with their terms (steps 1 to 5)."""
    language = language_of(language)
    stop_words = STOP_WORDS[language]
    result = []
    for match in WORD.finditer(normalise(text)):
        surface = match.group(0)
        word = surface.lower()
        if word in stop_words:
            continue
        result.append(Token(surface, term(word, language)))
    return result


def analyse(text, language="fr"):
    """The terms of ``text``, as stored in the index of the database backend."""
    return " ".join(token.term for token in tokens(text, language))


@dataclass(frozen=True)
class QueryGroup:
    """One word of a query (or one synonym phrase) and what it may match: alternatives, each a
    sequence of terms; ``prefix`` when the word was typed long enough to also find longer words;
    the first ``literal`` alternatives are the words typed (in each language), the others synonyms."""

    words: tuple
    alternatives: tuple
    prefix: bool = False
    literal: int = 1


def synonym_lines(path=SYNONYMS_FILE):
    """The synonym groups of the file (Solr format), comments and blank lines left out: read
    here for the database backend, sent inline to the engines (``search/engine.py``)."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


@functools.cache
def _synonym_rules(language):
    """Each synonym phrase's terms → every phrase of its group (as terms)."""
    rules = {}
    for line in synonym_lines():
        phrases = []
        for member in line.split(","):
            terms = tuple(token.term for token in tokens(member, "fr"))
            if language != "fr":
                terms = terms or tuple(token.term for token in tokens(member, language))
            if terms and terms not in phrases:
                phrases.append(terms)
        for phrase in phrases:
            rules.setdefault(phrase, [])
            rules[phrase].extend(other for other in phrases if other not in rules[phrase])
    return rules


def query_groups(query, language="fr"):
    """The query as groups of alternatives: each word with its stems in the page's language and
    in French (the source, shown when a page is not translated), synonym phrases expanded."""
    language = language_of(language)
    languages = [language] if language == "fr" else [language, "fr"]
    analysed = [tokens(query, lang) for lang in languages]
    words = analysed[0]
    french = tokens(query, "fr")
    rules = _synonym_rules("fr")
    longest = max((len(phrase) for phrase in rules), default=1)
    groups, position = [], 0
    french_terms = [token.term for token in french]
    while position < len(words):
        matched = None
        # The longest synonym phrase that starts here (on the French terms of the query).
        if len(french_terms) == len(words):
            for size in range(min(longest, len(words) - position), 0, -1):
                phrase = tuple(french_terms[position : position + size])
                if phrase in rules:
                    matched = (size, phrase)
                    break
        if matched:
            size, phrase = matched
            alternatives = [phrase, *(other for other in rules[phrase] if other != phrase)]
            surface = tuple(token.surface for token in words[position : position + size])
            groups.append(QueryGroup(surface, tuple(alternatives), prefix=False))
            position += size
            continue
        token = words[position]
        alternatives = []
        for lang_tokens in analysed:
            if position < len(lang_tokens) and (lang_tokens[position].term,) not in alternatives:
                alternatives.append((lang_tokens[position].term,))
        groups.append(
            QueryGroup(
                (token.surface,),
                tuple(alternatives),
                prefix=len(token.surface) >= PREFIX_LENGTH,
                literal=len(alternatives),
            )
        )
        position += 1
    return groups


def terms_of(groups):
    """Every term the query's groups may match, for highlighting (stems of every language and
    synonym)."""
    return {term for group in groups for alternative in group.alternatives for term in alternative}

"""What the property-based tests (hypothesis) send, and how many inputs they send.

One module for every fuzzed surface (tests/search/test_robustness.py, tests/test_robustness.py):
the hostile pieces and strategies, the checks of a response (no 5xx, no markup reflected
unescaped), and ``fuzz(examples, **strategies)``, the decorator that runs a test on
``examples`` generated inputs and then asserts that that many were actually run, so that the
total per database (``TOTAL_EXAMPLES``: 5,000 on SQLite and 5,000 on PostgreSQL, 10,000 per CI
run) is measured, not assumed.

Profiles (``HYPOTHESIS_PROFILE``), all without deadline (a request's time depends on the machine):

- ``ci`` (the default, ``make test``): derandomised, so each run sends the same inputs and the
  count is certain; no example database.
- ``thorough`` (``make fuzz``): ten times as many, random, failures kept in ``.hypothesis/``
  (ignored by git) and tried first on the next run.
- ``quick``: a twentieth, to try a change to a test.
"""

import functools
import inspect
import os
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

from tests.responses import body as read_body

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / ".hypothesis" / "examples"
_COMMON = {
    "deadline": None,
    # The tests share Django's client and the test's demo database between examples (read-only
    # requests, or writes rolled back with the test).
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("ci", derandomize=True, database=None, print_blob=True, **_COMMON)
settings.register_profile("thorough", database=DirectoryBasedExampleDatabase(EXAMPLES_DIR), **_COMMON)
settings.register_profile("quick", derandomize=True, database=None, **_COMMON)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)
SCALE = {"ci": 1, "thorough": 10, "quick": 0.05}.get(PROFILE, 1)

# Every fuzzed test's number of inputs in the ``ci`` profile, by name: filled as the test
# modules are imported, summed by ``test_robustness.py::test_the_fuzzed_inputs_add_up``.
BUDGETS = {}
# Per database, at least: CI runs the suite on SQLite and on PostgreSQL, 10,000 inputs in all
# (about two minutes a database on two processes; ``make fuzz`` sends ten times as many).
TOTAL_EXAMPLES = 5_000


def fuzz(examples, **strategies):
    """``@given(**strategies)`` on ``examples`` inputs (scaled by the profile), then a check
    that the test ran on at least that many: hypothesis stops early when a strategy's inputs
    run out, which would silently lower the count."""

    def decorate(test):
        wanted = max(1, int(examples * SCALE))
        BUDGETS[f"{test.__module__}.{test.__name__}"] = examples
        runs = [0]

        def counted(*args, **kwargs):
            runs[0] += 1
            return test(*args, **kwargs)

        counted.__signature__ = inspect.signature(test)
        generated = settings(max_examples=wanted)(given(**strategies)(counted))

        @functools.wraps(test)
        def run(*args, **kwargs):
            runs[0] = 0
            generated(*args, **kwargs)
            assert runs[0] >= wanted, f"{test.__name__}: {runs[0]} inputs run, {wanted} wanted"

        run.__signature__ = inspect.signature(generated)
        return run

    return decorate


# Inputs ----------------------------------------------------------------------------------------

MARKUP = "<script>alert(1)</script>"
# Markup that must never come back as markup (each is looked for, verbatim, in every response).
REFLECTED_MARKUP = [MARKUP, "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>", "</textarea><b>x</b>"]
# Pieces of syntax that search engines (SQLite FTS5, PostgreSQL tsquery, Elasticsearch's query
# string) read specially, and text that tends to break HTML, JSON, CSV, URLs or numbers.
HOSTILE_PIECES = [
    '"', "'", "’", "(", ")", "[", "]", "{", "}", "*", "^", ":", "-", "+", "~", "?", "\\", "/", "%", "_",
    "NEAR(", "NEAR(a b, 2)", "title:", "col:", "body:budget", "{title body}:", "AND", "OR", "NOT",
    "&&", "||", "!", "a*", "*a", '"maison', "maison\"", "P-07", "p07", "P 07", "Besançon", "l'art",
    *REFLECTED_MARKUP, "&amp;", "&#0;", "=cmd|' /C calc'!A0", "%00", "%ff", "..", "../..", "//evil.example/",
    "\x00", "\x1b[31m", "\r\n", "\t", "\u200b", "\u202e", "\ufeff", "\ud7ff", "😀", "👩‍👩‍👧", "مرحبا بالعالم",
    "שלום", "日本語", "ß", "İ", "ǅ", "Ⅻ", "²", "①", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "-1", "0", "1e9", "9" * 40, "NaN", "null",
]
pieces = st.sampled_from(HOSTILE_PIECES)
queries = st.one_of(
    st.text(max_size=80),  # any code points: controls, NUL, combining marks, unassigned…
    st.lists(st.one_of(pieces, st.text(max_size=6)), max_size=12).map(" ".join),
    st.lists(pieces, max_size=20).map("".join),
    st.tuples(st.sampled_from(["a", "é", "😀", '"', "NEAR(", " ", "a "]), st.integers(1000, 10_000)).map(
        lambda piece_times: piece_times[0] * (piece_times[1] // len(piece_times[0]))
    ),
)


def values(valid):
    """A parameter's value: one of ``valid`` (so that real filters are reached), hostile, any."""
    return st.one_of(
        st.sampled_from(list(valid) or [""]), pieces, st.text(max_size=20), st.integers(-(10**30), 10**30).map(str)
    )


def parameters(names, valid, max_size=6):
    """A query string: some of ``names`` (and any other name), each with one value or several."""
    value = values(valid)
    return st.dictionaries(
        st.one_of(st.sampled_from(list(names)), st.text(min_size=1, max_size=10)),
        st.one_of(value, st.lists(value, min_size=1, max_size=3)),
        max_size=max_size,
    )


# Checks ----------------------------------------------------------------------------------------

MARKUP_TYPES = re.compile(r"html|xml")
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
ALLOWED_SCRIPT = re.compile(r"""\bsrc=["']/static/""")
TAG = re.compile(r"<[a-z][^>]*>", re.IGNORECASE)
QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")  # attribute values (escaped, so never a quote inside)
EVENT_ATTRIBUTE = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def check_answer(response, what, allowed=None):
    """No 5xx (or a status in ``allowed``), and no markup sent back as markup.

    Verbatim search of the hostile markup, and of script tags and event-handler attributes in
    HTML: a regular expression, not a parser, to keep thousands of inputs within the time budget.
    """
    status = response.status_code
    assert status < 500, (what, status, read_body(response)[:300])
    if allowed is not None:
        assert status in allowed, (what, status, read_body(response)[:300])
    body = read_body(response).decode("utf-8", errors="replace")
    content_type = response.get("Content-Type", "")
    if not MARKUP_TYPES.search(content_type):
        return body  # JSON, CSV: data, never read as markup (and sent with nosniff)
    for markup in REFLECTED_MARKUP:
        assert markup not in body, (what, markup)
    if content_type.startswith("text/html"):
        for attributes in SCRIPT_TAG.findall(body):
            assert ALLOWED_SCRIPT.search(attributes), (what, attributes)
        for tag in TAG.findall(body):
            assert not EVENT_ATTRIBUTE.search(QUOTED.sub("", tag)), (what, tag)
    return body

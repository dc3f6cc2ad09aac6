"""The autocompletion script stays small and within the Content Security Policy: a static file
of the site, no code built from strings, no markup built from the API's text.

Its behaviour in a browser: tests/browser/test_autocomplete.py.
"""

import re

from django.conf import settings
from django.contrib.staticfiles import finders

SCRIPT = "search/autocomplete.js"


def _source():
    path = finders.find(SCRIPT)
    assert path, f"{SCRIPT} is not among the static files"
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def test_the_script_is_a_small_static_file():
    assert len(_source().encode("utf-8")) <= 5 * 1024


def test_the_script_needs_nothing_the_policy_forbids():
    source = _source()
    assert "script-src 'self'" in settings.CONTENT_SECURITY_POLICY
    assert "connect-src 'self'" in settings.CONTENT_SECURITY_POLICY
    forbidden = [r"\beval\s*\(", r"new\s+Function\b", r"setTimeout\s*\(\s*['\"]", r"innerHTML", r"outerHTML",
                 r"insertAdjacentHTML", r"document\.write", r"https?://", r"\.style\b"]
    assert [pattern for pattern in forbidden if re.search(pattern, source)] == []

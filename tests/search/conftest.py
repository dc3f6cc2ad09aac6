"""Hypothesis profiles for the search's robustness tests (tests/search/test_robustness.py).

``ci`` (the default) tries 150 inputs a test, enough to catch a regression in a short run;
``thorough`` tries 10,000 (``make fuzz``, ``HYPOTHESIS_PROFILE=thorough``). No deadline: a
request's time depends on the machine. The examples that failed are kept under .pytest_cache/
(ignored by git) and tried first on the next run.
"""

import os
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

EXAMPLES = Path(__file__).resolve().parents[2] / ".pytest_cache" / "hypothesis"
COMMON = {
    "deadline": None,
    # The tests reuse Django's client and the demo database of the test: both are harmless to
    # share between examples (read-only requests).
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    "database": DirectoryBasedExampleDatabase(EXAMPLES),
}
settings.register_profile("ci", max_examples=150, **COMMON)
settings.register_profile("thorough", max_examples=10_000, **COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

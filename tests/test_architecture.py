"""The structure a newcomer can rely on: apps depend on each other one way only.

``home`` (the base every page shares) ← ``news``, ``maps``, ``translation`` ← ``quartiers`` ←
``culture`` ← ``programme`` ← ``search``, ``demo`` ← ``config``. The contract lives in ``pyproject.toml``
([tool.importlinter]) and is checked by import-linter, which reads every import, including
those inside functions.
"""

import re
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
SECTIONS = ("programme", "quartiers", "culture", "news", "maps", "search", "demo")


def test_imports_follow_the_layers_of_pyproject_toml():
    result = subprocess.run(
        [Path(sys.executable).with_name("lint-imports"), "--config", "pyproject.toml", "--no-cache", "--no-logo"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_the_contract_is_the_documented_order():
    text = (BASE_DIR / "pyproject.toml").read_text()
    layers = re.search(r"layers = \[(.*?)\]", text, re.S).group(1)
    assert [line.strip().strip('",') for line in layers.strip().splitlines()] == [
        "config",
        "search | demo",
        "programme",
        "culture",
        "quartiers",
        "news | maps | translation",
        "home",
    ]


def test_the_base_templates_name_no_section():
    """What the home page and the page chrome show of a section comes from that section."""
    templates = [
        BASE_DIR / "templates" / "base.html",
        *(BASE_DIR / "templates" / "components").glob("*.html"),
        *(BASE_DIR / "templates" / "home").rglob("*.html"),
    ]
    assert len(templates) > 10
    pattern = re.compile(r"{%\s*(load|include|extends)\b[^%]*\b(" + "|".join(SECTIONS) + r")[/_]")
    offenders = [str(path.relative_to(BASE_DIR)) for path in templates if pattern.search(path.read_text())]
    assert offenders == []

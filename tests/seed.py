"""The demo content's seed files, read straight from YAML: what the tests expect to find.

Tests take their expected values from here (or write them down), never from the loaders or
the code they test.
"""

from pathlib import Path

import yaml

BASE_DIR = Path(__file__).resolve().parents[1]
SEED_FILES = {
    "home": BASE_DIR / "home" / "demo_data" / "site.yaml",
    "programme": BASE_DIR / "programme" / "demo_data" / "programme.yaml",
    "quartiers": BASE_DIR / "quartiers" / "demo_data" / "quartiers.yaml",
    "culture": BASE_DIR / "culture" / "demo_data" / "culture.yaml",
    "news": BASE_DIR / "news" / "demo_data" / "news.yaml",
}
SECTIONS = ("programme", "quartiers", "culture", "news")
#: The quartiers of the Contrat de Ville, in the order of the quartiers' index: the six priority
#: quartiers, then the six fragile ones (written down from the seed, not read from it).
TWELVE_QUARTIERS = [
    "Planoise",
    "Montrapon",
    "Orchamps-Palente",
    "Clairs-Soleils",
    "Battant",
    "Hauts de Saint-Claude",
    "Cité Curie-Pasteur",
    "Cité Viotte",
    "Cité des Vareilles",
    "Cité de l'Amitié",
    "Secteur Pesty",
    "Cité de la Pelouse",
]


def read_seed(name):
    """The parsed YAML of one seed file: ``home``, ``programme``, ``quartiers``, ``culture`` or ``news``."""
    return yaml.safe_load(SEED_FILES[name].read_text(encoding="utf-8"))


def seed_proposals():
    """Every proposal of the programme seed, in the file's order, with its axis slug and URL."""
    return [
        {**proposal, "axis": axis["slug"], "url": f"/fr/programme/{axis['slug']}/{proposal['slug']}/"}
        for axis in read_seed("programme")["axes"]
        for proposal in axis["proposals"]
    ]


def seed_questions():
    """Every open question of the programme seed, in the file's order, with its axis and URL."""
    return [
        {**question, "axis": axis["slug"], "url": f"/fr/programme/{axis['slug']}/{question['slug']}/"}
        for axis in read_seed("programme")["axes"]
        for question in axis["questions"]
    ]


def seed_section_indexes():
    """The index page of each section (``slug``, ``title``, ``summary``), from its own seed file."""
    return {name: read_seed(name)["index"] for name in SECTIONS}


def seed_translation(app, language_code, french):
    """The translation of a French string of the demo content, from its app's PO data file
    (``<app>/demo_data/locale/<language>.po``, written by translators)."""
    import polib

    path = BASE_DIR / app / "demo_data" / "locale" / f"{language_code}.po"
    for entry in polib.pofile(str(path)):
        if entry.msgid == french and not entry.obsolete:
            return entry.msgstr
    raise KeyError(f"{french!r} is not in {path}")

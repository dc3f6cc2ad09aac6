"""Constants and helpers shared by the quartiers tests: the seed data as the YAML file gives it,
and numbers written the French way, to compare with what the pages show."""

from decimal import Decimal

from tests.seed import read_seed

QPV_SLUGS = ["planoise", "montrapon", "orchamps-palente", "clairs-soleils", "battant", "hauts-de-saint-claude"]
FRAGILE_SLUGS = [
    "cite-curie-pasteur",
    "cite-viotte",
    "cite-des-vareilles",
    "cite-de-l-amitie",
    "secteur-pesty",
    "cite-de-la-pelouse",
]
THEMES = ["demographie", "situation-sociale", "logement", "education", "emploi"]


def seed():
    """The quartiers seed, read straight from the YAML file."""
    return read_seed("quartiers")


def seed_quartiers():
    """The seed's quartiers by slug, in the file's order."""
    return {quartier["slug"]: quartier for quartier in seed()["quartiers"]}


def french_number(value, signed=False):
    """A seed number as a French reader reads it: « 15 378 », « 13,2 », « -12,8 », « +0,6 ».

    Written here from the rule (no-break space between thousands, decimal comma, no trailing
    zero), not with the site's formatting code."""
    number = Decimal(str(value))
    text = f"{number:,f}".replace(",", "\u00a0").replace(".", ",")
    return f"+{text}" if signed and number > 0 else text


def french_value(value, unit, signed=False):
    """The number and its unit, « 15 378 habitants », « 13,2 % »."""
    return f"{french_number(value, signed)}\u00a0{unit}"


def is_change(code):
    """Changes over time (« change » in the code) are written with their sign."""
    return "change" in code.split("-")


def is_rank(code):
    """National rankings (« rank » in the code) are shown in tables, not drawn."""
    return "rank" in code.split("-")

"""Constants and helpers shared by the quartiers tests."""

import re

QPV_SLUGS = ["planoise", "montrapon", "orchamps-palente", "clairs-soleils", "battant", "hauts-de-saint-claude"]
FRAGILE_SLUGS = [
    "cite-curie-pasteur",
    "cite-viotte",
    "cite-des-vareilles",
    "cite-de-l-amitie",
    "secteur-pesty",
    "cite-de-la-pelouse",
]


def normalise_spaces(text):
    """Every kind of space (no-break, narrow no-break…) as a plain space, runs collapsed."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)

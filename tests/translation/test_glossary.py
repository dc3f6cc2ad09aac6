"""The glossary's names travel as placeholders and come back as they were."""

import pytest

from tests.seed import TWELVE_QUARTIERS
from translation.glossary import Glossary, Protected, read_terms, site_glossary


@pytest.fixture
def glossary():
    return Glossary(["Grand Besançon", "Grand Besançon Métropole", "Planoise", "Cité de l'Amitié", "CCAS"])


def test_terms_are_read_one_a_line_without_comments(tmp_path):
    path = tmp_path / "glossary.txt"
    path.write_text("# Noms\nPlanoise\n\n  Cité des Savoirs  \n# fin\n", encoding="utf-8")
    assert read_terms(path) == ["Planoise", "Cité des Savoirs"]


def test_the_longest_term_wins(glossary):
    assert glossary.protect("Le Grand Besançon Métropole et le Grand Besançon.") == Protected(
        'Le <x id="0"/> et le <x id="1"/>.', ("Grand Besançon Métropole", "Grand Besançon")
    )


def test_terms_are_case_sensitive_whole_words(glossary):
    assert (
        glossary.protect("planoise, Planoisiens, PLANOISE, CCAS.").text
        == 'planoise, Planoisiens, PLANOISE, <x id="0"/>.'
    )


def test_inline_tags_stay_and_terms_inside_them_are_protected(glossary):
    protected = glossary.protect('Le <a id="a1">centre de Planoise</a> et le <b>CCAS</b>')
    assert protected.text == 'Le <a id="a1">centre de <x id="0"/></a> et le <b><x id="1"/></b>'


def test_an_escaped_or_curly_apostrophe_is_the_same_term(glossary):
    assert glossary.protect("Cité de l&#x27;Amitié, Cité de l’Amitié").terms == (
        "Cité de l&#x27;Amitié",
        "Cité de l’Amitié",
    )


def test_the_terms_come_back_as_they_were_sent(glossary):
    protected = Protected('Le <a id="a1">centre de <x id="0"/></a> et le <x id="1"/>', ("Planoise", "CCAS"))
    answer = 'The <a id="a1"><x id="0"></x> centre</a> and the <x id=\'1\' />'
    assert glossary.restore(answer, protected) == 'The <a id="a1">Planoise centre</a> and the CCAS'


@pytest.mark.parametrize(
    "answer",
    ['The <x id="0"/> centre', 'The <x id="0"/> and <x id="1"/> and <x id="1"/>', 'The <x id="0"/> <x/>', "The centre"],
)
def test_an_answer_with_a_placeholder_lost_or_doubled_is_refused(glossary, answer):
    protected = Protected('Le <x id="0"/> et le <x id="1"/>', ("Planoise", "CCAS"))
    assert glossary.restore(answer, protected) is None


def test_a_string_without_terms_comes_back_unchanged(glossary):
    protected = glossary.protect("Bonjour")
    assert protected == Protected("Bonjour", ())
    assert glossary.restore("Hello", protected) == "Hello"


@pytest.mark.parametrize(
    "name",
    [
        # The priority quartiers of quartiers/demo_data/quartiers.yaml
        *TWELVE_QUARTIERS[:6],
        # Names of the programme and of the Contrat de Ville
        "Cité des Savoirs",
        "TEMIS",
        "ProximCité",
        "Besançon Bouge",
        "Grand Besançon Métropole",
        "Contrat de Ville",
        "CCAS",
        "QPV",
        "Cité de l'Amitié",
    ],
)
def test_the_site_glossary_keeps_the_names_of_besancon(name):
    assert site_glossary().protect(f"À {name}.") == Protected('À <x id="0"/>.', (name,))


def test_the_site_glossary_translates_the_citadel():
    """« la Citadelle » has an established translation (the Citadel, die Zitadelle)."""
    assert site_glossary().protect("La Citadelle domine la boucle.").terms == ()

"""Every item of the two programme seeds is a page of the demo content, in our own words."""

import pytest

from programme.models import AxisPage, ProposalPage, QuestionPage, Theme
from tests.html import soup, text_of
from tests.seed import read_seed, seed_proposals

pytestmark = pytest.mark.django_db

AXIS_1 = {
    "P-01": ("saint-jacques-pole-des-nouvelles-technologies", "Saint-Jacques", ["Cité des Savoirs", "intelligence artificielle"]),
    "P-02": ("cite-des-savoirs", "Cité des Savoirs", ["intelligence artificielle"]),
    "P-03": ("temis-defense", "TEMIS Défense", ["TEMIS Microtech", "TEMIS Santé"]),
    "P-04": ("art-moderne-et-contemporain", "art moderne et contemporain", ["Institut des Beaux-Arts", "FRAC", "porte d'entrée"]),
    "P-05": ("photographie", "photographie", ["clubs", "Cité des Arts"]),
}
AXIS_2_FLAGSHIP = {
    "P-06": ("extension-proximcite", "ProximCité", ["2001", "2020", "48 heures"]),
    "P-07": ("maison-des-associations", "Maison des associations", ["1 400 associations"]),
    "P-08": ("budget-participatif", "budget participatif", ["fonds d'initiatives citoyennes"]),
    "P-09": ("ccas-budget-sanctuarise", "CCAS", ["sanctuariser"]),
    "P-10": ("portail-besancon-bouge", "Besançon Bouge", ["portail unique"]),
    "P-11": ("elu-mediation", "médiation", ["droit à l'erreur"]),
}
AXIS_2_OTHERS = {
    "P-12": ("conseils-de-quartier-des-sages-et-des-jeunes", "conseils de quartier", ["conseil des sages", "outils numériques de consultation"]),
    "P-13": ("budget-des-conseils-de-quartier", "budget aux conseils de quartier", ["actions de proximité"]),
    "P-14": ("petite-maison-de-la-foret-de-chailluz", "forêt de Chailluz", ["classes", "vivre-ensemble"]),
    "P-15": ("rue-retrouvee", "rue", ["rue retrouvée", "playing out"]),
    "P-16": ("journee-de-citoyennete", "citoyenneté", ["18 ans", "carte d'électeur", "500 euros"]),
    "P-17": ("mediateurs-de-proximite", "médiateurs de proximité", ["jeunes"]),
    "P-18": ("ville-vieillissement-handicap", "vieillissement", ["handicap"]),
    "P-19": ("nouveau-lieu-de-sepultures", "sépultures", ["souhaits nouveaux des habitants"]),
}
QUESTIONS = {
    "economie-de-l-espace": "économie de l'espace",
    "sport-de-haut-niveau": "sportive de haut niveau",
    "citadelle-phare-du-grand-besancon": "Citadelle",
    "centre-ville-et-battant-bien-commun": "Battant",
}


def _text(page):
    """The title, summary and text of a page, as its body renders (read with BeautifulSoup)."""
    return " ".join([page.title, page.summary, text_of(soup(str(page.body)))])


def test_the_tables_above_cover_the_seed():
    seed = {proposal["reference"]: proposal for proposal in seed_proposals()}
    tables = {**AXIS_1, **AXIS_2_FLAGSHIP, **AXIS_2_OTHERS}
    assert sorted(tables) == sorted(seed) == [f"P-{n:02d}" for n in range(1, 20)]
    assert {ref: slug for ref, (slug, _title, _facts) in tables.items()} == {ref: p["slug"] for ref, p in seed.items()}
    assert {ref for ref, p in seed.items() if p["flagship"]} == set(AXIS_2_FLAGSHIP)
    assert set(QUESTIONS) == {q["slug"] for axis in read_seed("programme")["axes"] for q in axis["questions"]}


def test_two_axes_with_their_introduction(programme_index):
    axes = list(AxisPage.objects.child_of(programme_index).live().order_by("path"))
    assert [a.title for a in axes] == ["Une ville rayonnante", "Avec et pour les citoyens"]
    assert "capitale régionale" in _text(axes[0])
    assert "solidarité" in _text(axes[1])


@pytest.mark.parametrize(
    "axis_slug, items, flagship",
    [
        ("une-ville-rayonnante", AXIS_1, False),
        ("avec-et-pour-les-citoyens", AXIS_2_FLAGSHIP, True),
        ("avec-et-pour-les-citoyens", AXIS_2_OTHERS, False),
    ],
)
def test_every_seed_proposal_is_a_live_page(programme_index, axis_slug, items, flagship):
    axis = AxisPage.objects.child_of(programme_index).get(slug=axis_slug)
    assert len(items) in (5, 6, 8)
    for reference, (slug, in_title, facts) in items.items():
        page = ProposalPage.objects.child_of(axis).get(reference=reference)
        assert page.live
        assert page.slug == slug
        assert in_title.lower() in page.title.lower(), reference
        assert page.summary and page.body, reference
        assert page.flagship is flagship, reference
        assert page.theme_links.exists(), reference
        text = _text(page)
        assert facts, reference
        for fact in facts:
            assert fact in text, (reference, fact)


def test_references_are_unique_and_stable():
    references = list(ProposalPage.objects.filter(locale__language_code="fr").values_list("reference", flat=True))
    assert sorted(references) == [f"P-{n:02d}" for n in range(1, 20)]


def test_the_four_open_questions_with_their_lines_of_thought(axis):
    questions = {q.slug: q for q in QuestionPage.objects.child_of(axis).live()}
    assert set(questions) == set(QUESTIONS)
    for slug, words in QUESTIONS.items():
        question = questions[slug]
        lines = [block.value for block in question.lines_of_thought]
        assert len(lines) >= 2, slug
        assert words.lower() in (question.title + question.summary + " ".join(lines)).lower(), slug
    citadel_lines = " ".join(b.value for b in questions["citadelle-phare-du-grand-besancon"].lines_of_thought)
    assert "éclairer" in citadel_lines.lower() and "partenaires publics et privés" in citadel_lines
    assert "Porte Noire" in " ".join(b.value for b in questions["centre-ville-et-battant-bien-commun"].lines_of_thought)


def test_themes_of_the_issue_exist(locale_fr):
    slugs = set(Theme.objects.filter(locale=locale_fr).values_list("slug", flat=True))
    assert {
        "economie-et-innovation",
        "culture-et-patrimoine",
        "democratie-et-citoyennete",
        "proximite-et-solidarite",
        "environnement",
        "sport",
    } <= slugs


def test_relations_to_quartiers_places_and_proposals():
    budget = ProposalPage.objects.get(reference="P-08", locale__language_code="fr")
    assert {link.quartier.slug for link in budget.quartier_links.all()} == {
        "planoise",
        "montrapon",
        "orchamps-palente",
        "clairs-soleils",
        "battant",
        "hauts-de-saint-claude",
    }
    art = ProposalPage.objects.get(reference="P-04", locale__language_code="fr")
    art_seed = next(proposal for proposal in seed_proposals() if proposal["reference"] == "P-04")
    assert {link.place.slug for link in art.place_links.all()} == set(art_seed["places"])
    assert {"institut-des-beaux-arts", "cite-des-arts", "frac"} <= set(art_seed["places"])
    assert [link.target.reference for link in art.related_links.all()] == art_seed["related"] == ["P-05"]
    # The reverse relation the quartier and culture pages use.
    planoise = budget.quartier_links.get(quartier__slug="planoise").quartier
    assert budget.pk in {link.proposal_id for link in planoise.proposal_links.all()}


def test_each_demo_proposal_starts_with_one_published_version(client):
    """Its public history lists one version."""
    pages = list(ProposalPage.objects.filter(locale__language_code="fr"))
    assert len(pages) == 19
    for page in pages:
        history = soup(client.get(page.url + "historique/"))
        assert [text_of(th) for th in history.select('main table tbody th[scope="row"]')] == ["1"], page.reference

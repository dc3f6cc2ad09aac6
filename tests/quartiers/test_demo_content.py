"""The demo content of the quartiers section: what the loader builds, checked against the seed
(the Contrat de Ville 2024-2030 of Grand Besançon Métropole, its portraits and projects)."""

from decimal import Decimal

import pytest

from quartiers.models import Indicator, QuartierPage, SharedObjectives, SocialCentre

from .utils import FRAGILE_SLUGS, QPV_SLUGS

pytestmark = pytest.mark.django_db

# A sample of every priority quartier's portrait, as printed in the seed:
# (quartier, code, value, Besançon, GBM, source, year)
SEED_FIGURES = [
    ("planoise", "population", "15378", None, None, "Recensement de la population", "2018"),
    ("planoise", "share-of-besancon-population", "13.2", None, None, "Recensement de la population", "2019"),
    ("planoise", "share-of-qpv-population", "62", None, None, "Recensement de la population", "2019"),
    ("planoise", "median-disposable-income", "13080", "19890", "22030", "CNAF", "2021"),
    ("planoise", "single-parent-families", "35.7", "21.8", "17.3", "CNAF", "2021"),
    ("planoise", "social-housing-units", "5574", None, None, "RPLS", "2021"),
    ("planoise", "social-housing-rent", "5.16", "5.73", "5.73", "RPLS", "2021"),
    ("planoise", "nursery-pupils", "923", None, None, "DEPP", "2020-2021"),
    ("planoise", "job-seekers", "1822", None, None, "Pôle emploi, données de juin", "2023"),
    ("planoise", "brevet-rank-college-diderot", "6545", None, None, "DEPP", "2021-2022"),
    ("montrapon", "population", "1674", None, None, "Recensement de la population", "2018"),
    ("montrapon", "population-change-2013-2018", "-12.8", None, None, "Recensement de la population", "2019"),
    ("montrapon", "median-disposable-income", "14300", "19890", "22030", "CNAF", "2021"),
    ("montrapon", "single-parent-families", "46.2", "21.8", "17.3", "CNAF", "2021"),
    ("montrapon", "social-housing-units", "750", None, None, "RPLS", "2021"),
    ("montrapon", "social-housing-turnover", "14.2", "10.1", "10.1", "RPLS", "2021"),
    ("montrapon", "job-seekers", "231", None, None, "Pôle emploi, données de juin", "2023"),
    ("orchamps-palente", "population", "3126", None, None, "Recensement de la population", "2018"),
    ("orchamps-palente", "population-change-2013-2018", "6.4", None, None, "Recensement de la population", "2019"),
    ("orchamps-palente", "single-parent-families", "35.1", "21.8", "17.3", "CNAF", "2021"),
    ("orchamps-palente", "social-housing-units", "1737", None, None, "RPLS", "2021"),
    ("orchamps-palente", "social-housing-vacancy", "1.1", "3", "2.9", "RPLS", "2021"),
    ("orchamps-palente", "third-grade-delay", "19", "13", "11", "DEPP", "2019-2020"),
    ("orchamps-palente", "job-seekers", "555", None, None, "Pôle emploi, données de juin", "2023"),
    ("clairs-soleils", "population", "1428", None, None, "Recensement de la population", "2018"),
    ("clairs-soleils", "population-change-2013-2018", "-10.8", None, None, "Recensement de la population", "2019"),
    ("clairs-soleils", "median-disposable-income", "13430", "19890", "22030", "CNAF", "2021"),
    ("clairs-soleils", "social-housing-share", "94", "25", "18", "RPLS et Recensement de la population", "2019"),
    ("clairs-soleils", "social-housing-vacancy", "3.5", "2.7", "2.6", "RPLS", "2021"),
    ("clairs-soleils", "social-housing-rent", "5.42", "5.7", "5.7", "RPLS", "2021"),
    ("clairs-soleils", "third-grade-delay", "40", "13", "11", "DEPP", "2019-2020"),
    ("clairs-soleils", "job-seekers", "249", None, None, "Pôle emploi, données de juin", "2023"),
    ("battant", "population", "1800", None, None, "Recensement de la population", "2018"),
    ("battant", "single-parent-families", "23", "21.6", "22.7", "Occupation du parc social (OPS)", "2022"),
    ("battant", "social-housing-units", "476", None, None, "Occupation du parc social (OPS)", "2022"),
    ("battant", "social-housing-vacancy", "8", "3", "2.9", "Occupation du parc social (OPS)", "2022"),
    ("battant", "social-housing-rent", "6.3", "5.73", "5.73", "Occupation du parc social (OPS)", "2022"),
    ("battant", "social-housing-turnover", "6.9", "10.1", "10.1", "Occupation du parc social (OPS)", "2022"),
    ("hauts-de-saint-claude", "population", "1144", None, None, "Recensement de la population", "2018"),
    ("hauts-de-saint-claude", "single-parent-families", "25", "21.6", "22.7", "Occupation du parc social (OPS)", "2022"),
    ("hauts-de-saint-claude", "social-housing-share", "100", "25", "19", "Occupation du parc social (OPS)", "2022"),
    ("hauts-de-saint-claude", "social-housing-units", "442", None, None, "Occupation du parc social (OPS)", "2022"),
    ("hauts-de-saint-claude", "social-housing-vacancy", "2.5", "3", "2.9", "Occupation du parc social (OPS)", "2022"),
    ("hauts-de-saint-claude", "social-housing-turnover", "9.3", "10.1", "10.1", "Occupation du parc social (OPS)", "2022"),
]


def _dec(value):
    return None if value is None else Decimal(value)


@pytest.mark.parametrize(
    "slug, code, value, besancon, gbm, source, year",
    SEED_FIGURES,
    ids=[f"{row[0]}:{row[1]}" for row in SEED_FIGURES],
)
def test_portrait_figures_match_the_seed(locale_fr, slug, code, value, besancon, gbm, source, year):
    indicator = Indicator.objects.get(page__slug=slug, page__locale=locale_fr, code=code)
    assert indicator.value == Decimal(value)
    assert indicator.besancon_value == _dec(besancon)
    assert indicator.gbm_value == _dec(gbm)
    assert (indicator.source, indicator.year) == (source, year)


def test_every_priority_quartier_is_sampled():
    assert {row[0] for row in SEED_FIGURES} == set(QPV_SLUGS)


def test_ambiguous_figures_are_left_out(locale_fr):
    # The Hauts de Saint-Claude brevet ranking is printed under another collège's name.
    assert not Indicator.objects.filter(page__slug="hauts-de-saint-claude", code__startswith="brevet-rank").exists()


def test_loader_builds_the_six_priority_and_six_fragile_quartiers(quartiers_index):
    pages = QuartierPage.objects.child_of(quartiers_index).live()
    assert sorted(p.slug for p in pages.filter(kind="qpv")) == sorted(QPV_SLUGS)
    assert sorted(p.slug for p in pages.filter(kind="fragile")) == sorted(FRAGILE_SLUGS)
    assert pages.get(slug="cite-curie-pasteur").commune == "Novillars"
    assert pages.count() == 12
    for page in pages:
        assert page.body, page.slug  # a presentation
        assert page.summary, page.slug


def test_every_priority_quartier_has_its_portrait_and_project(quartiers_index):
    expected_priorities = {
        "planoise": 12,
        "montrapon": 10,
        "orchamps-palente": 12,
        "clairs-soleils": 15,
        "battant": 11,
        "hauts-de-saint-claude": 4,
    }
    for slug, count in expected_priorities.items():
        page = QuartierPage.objects.child_of(quartiers_index).get(slug=slug)
        themes = set(page.indicators.values_list("theme", flat=True))
        assert {"demographie", "situation-sociale", "logement", "education", "emploi"} <= themes, slug
        assert sum(len(block.value["priorities"]) for block in page.priorities) == count, slug


def test_one_socle_commun_is_shared_by_every_quartier(quartiers_index, locale_fr):
    assert SharedObjectives.objects.filter(locale=locale_fr).count() == 1
    shared = SharedObjectives.objects.get(locale=locale_fr)
    pages = QuartierPage.objects.child_of(quartiers_index)
    assert set(pages.values_list("shared_objectives", flat=True)) == {shared.pk}
    assert [block.value["title"] for block in shared.axes][0] == "Améliorer la qualité et le cadre de vie des habitants"


def test_social_centres_of_article_11_are_attached_to_their_quartiers(quartiers_index, locale_fr):
    assert SocialCentre.objects.filter(locale=locale_fr).count() == 11

    def centres(slug):
        page = QuartierPage.objects.child_of(quartiers_index).get(slug=slug)
        return [link.social_centre.name for link in page.social_centre_links.all()]

    assert len(centres("planoise")) == 3
    assert centres("battant") == ["Maison de quartier – Centre social des Bains-Douches"]
    rosemont = "Comité de quartier – Centre social Rosemont Saint-Ferjeux"
    for slug in ("secteur-pesty", "cite-de-la-pelouse", "cite-de-l-amitie"):
        assert centres(slug) == [rosemont]
    assert centres("cite-curie-pasteur") == []  # the table names none for Novillars

"""Small fixes of issue 11: English words marked as English in French text, the contact form's
errors that its fields' aria-describedby name, the quartier as a choice, the references."""

import pytest

from tests.html import one, soup, text_of
from tests.seed import TWELVE_QUARTIERS

pytestmark = pytest.mark.django_db

QUARTIER_CHOICES = ["— Choisir —", *TWELVE_QUARTIERS, "Autre quartier de Besançon", "Hors de Besançon"]


def test_playing_out_is_marked_as_english(client):
    page = soup(client.get("/fr/programme/avec-et-pour-les-citoyens/rue-retrouvee/"))
    marked = [(span["lang"], text_of(span)) for span in one(page, "main").select("[lang]")]
    assert ("en", "playing out") in marked


def test_the_contact_form_s_quartier_is_a_choice(client):
    form = one(soup(client.get("/fr/contact/")), "main form")
    assert [text_of(option) for option in form.select("select#id_votre_quartier option")] == QUARTIER_CHOICES


def test_after_an_empty_submit_every_described_by_id_exists(client):
    response = client.post("/fr/contact/", {})
    assert response.status_code == 400
    page = soup(response)
    described = [field for field in page.select("main form [aria-describedby]")]
    assert len(described) >= 3
    for field in described:
        for target in field["aria-describedby"].split():
            assert page.find(id=target) is not None, target
    error = one(page, "#id_votre_nom_error")
    assert text_of(error) == "Erreur : Champ requis."
    # Read once: the error is not inside the label any more.
    assert text_of(one(page, 'label[for="id_votre_nom"]')) == "Votre nom *"


def test_a_quartier_page_links_the_contrat_de_ville(client):
    reference = one(soup(client.get("/fr/quartiers/planoise/")), ".quartier__reference")
    assert text_of(reference) == (
        "Source des chiffres et des priorités de cette page : Contrat de Ville 2024-2030, publié par "
        "Grand Besançon Métropole."
    )
    assert one(reference, "a")["href"] == "https://www.grandbesancon.fr/"


def test_the_citadelle_links_its_site_and_the_unesco_listing(client):
    main = one(soup(client.get("/fr/culture/citadelle/")), "main")
    hrefs = {a["href"] for a in main.select("a[href]")}
    assert {"https://www.citadelle.com/", "https://whc.unesco.org/fr/list/283/"} <= hrefs


def test_proximcite_states_a_proposal_and_links_service_public(client):
    main = one(soup(client.get("/fr/programme/avec-et-pour-les-citoyens/extension-proximcite/")), "main")
    text = text_of(main)
    assert "En 2020, il a été étendu" not in text
    assert "Notre programme en fixe l'étape suivante, datée de 2020 : l'étendre pour qu'il réponde" in text
    assert one(main, 'a[href="https://www.service-public.fr/particuliers/vosdroits/N358"]')

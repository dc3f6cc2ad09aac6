"""The cultural places: demo content, coordinates, place pages, links with the programme."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import FieldDoesNotExist, ValidationError
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields

from culture.demo_content import place_fields, validate
from culture.models import CulturalPlacePage, CultureIndexPage, PlaceStatus
from demo.loader import DemoLoader, load_all
from maps.svg import BESANCON_BOUNDS
from programme.queries import proposals_concerning, questions_concerning

pytestmark = pytest.mark.django_db

# Every place the programme names (issue 5), and whether it exists today.
EXPECTED_PLACES = {
    "citadelle": "open",
    "cite-des-arts": "open",
    "institut-des-beaux-arts": "open",
    "frac": "open",
    "cite-des-savoirs": "planned",
    "espace-art-moderne-contemporain": "planned",
    "espace-photographie": "planned",
    "porte-noire": "open",
    "maison-foret-chailluz": "planned",
}


@pytest.fixture
def culture_index(locale_fr):
    return CultureIndexPage.objects.get(locale=locale_fr)


@pytest.fixture
def places(culture_index):
    return {place.slug: place for place in culture_index.places()}


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_every_place_of_the_programme_exists_live_under_the_culture_index(places, culture_index):
    assert set(EXPECTED_PLACES) <= set(places)
    assert culture_index.url == "/fr/culture/"
    for slug, status in EXPECTED_PLACES.items():
        place = places[slug]
        assert place.live
        assert place.url == f"/fr/culture/{slug}/"
        assert place.status == status, slug
        assert place.kind and place.address and place.summary and place.body, slug


@pytest.mark.parametrize("slug", EXPECTED_PLACES)
def test_coordinates_are_valid_and_inside_besancon(places, slug):
    place = places[slug]
    assert isinstance(place.latitude, Decimal) and isinstance(place.longitude, Decimal)
    assert BESANCON_BOUNDS.contains(place.latitude, place.longitude)
    assert place.has_point
    for name in ("latitude", "longitude"):
        CulturalPlacePage._meta.get_field(name).clean(getattr(place, name), place)


def test_known_positions_are_where_they_should_be(places):
    """Sourced positions: the Citadel on its hill, the Porte Noire just below it, the Cité des
    Arts by the Doubs north-east of it."""
    citadelle, porte_noire, cite = places["citadelle"], places["porte-noire"], places["cite-des-arts"]
    assert abs(citadelle.latitude - Decimal("47.2314")) < Decimal("0.002")
    assert abs(citadelle.longitude - Decimal("6.0325")) < Decimal("0.002")
    assert porte_noire.latitude > citadelle.latitude
    assert cite.latitude > citadelle.latitude and cite.longitude > porte_noire.longitude
    assert not citadelle.coordinates_approximate and not porte_noire.coordinates_approximate


@pytest.mark.parametrize(
    "field, value",
    [("latitude", Decimal("48.856600")), ("latitude", Decimal("47.100000")), ("longitude", Decimal("2.352200")),
     ("longitude", Decimal("6.300000"))],
)
def test_coordinates_outside_grand_besancon_are_refused(field, value):
    with pytest.raises(ValidationError):
        CulturalPlacePage._meta.get_field(field).clean(value, None)


def test_demo_data_is_validated_before_it_is_loaded():
    data = DemoLoader().read_data("culture", "culture.yaml")
    good = data["places"][0]
    validate(CulturalPlacePage, place_fields(good))
    for change in ({"latitude": 48.8566}, {"longitude": 2.3522}, {"kind": "casino"}, {"status": "ouvert"}):
        with pytest.raises(ValidationError):
            validate(CulturalPlacePage, place_fields({**good, **change}))


def test_loading_the_demo_content_again_changes_nothing():
    loader = load_all(app_labels=["home", "culture"])
    assert (loader.created, loader.updated) == (0, 0)


def test_facts_are_synchronised_and_texts_translated():
    fields = {field.field_name: field for field in get_translatable_fields(CulturalPlacePage)}
    for name in ("latitude", "longitude", "kind", "status", "coordinates_approximate", "step_free_access"):
        assert isinstance(fields[name], SynchronizedField), name
    for name in ("title", "summary", "body", "address", "access", "accessibility", "opening_hours", "images"):
        assert isinstance(fields[name], TranslatableField), name


@pytest.mark.parametrize("slug", [slug for slug, status in EXPECTED_PLACES.items() if status == "planned"])
def test_a_planned_place_never_reads_as_an_existing_one(client, places, slug):
    html = html_of(client, places[slug].url)
    start = html.index('<header class="page-header')
    header = html[start : html.index("</header>", start)]
    assert "Lieu en projet" in header
    assert "il n'existe pas encore" in header or "il n&#x27;existe pas encore" in header
    assert "status-badge--open" not in html
    # Its point on the small map is the dashed ring of planned places.
    assert "svg-map__point--planned" in html


@pytest.mark.parametrize("slug", [slug for slug, status in EXPECTED_PLACES.items() if status == "open"])
def test_an_open_place_is_not_labelled_planned(client, places, slug):
    html = html_of(client, places[slug].url)
    assert "Lieu en projet" not in html
    assert "status-badge--open" in html


@pytest.mark.parametrize("slug", EXPECTED_PLACES)
def test_place_page_shows_where_how_to_get_there_and_accessibility(client, places, slug):
    place = places[slug]
    html = html_of(client, place.url)
    assert f"<h1>{place.title}</h1>" in html.replace("&#x27;", "'")
    # A small map of the place, as an image (no link inside), named and described.
    assert 'id="carte-lieu"' in html
    small_map = html[html.index('id="carte-lieu"') : html.index("</figure>", html.index('id="carte-lieu"'))]
    assert 'role="img"' in small_map and "<a " not in small_map
    assert "<title id=\"carte-lieu-titre\">" in small_map
    for heading in ("Où se trouve ce lieu", "Comment s&#x27;y rendre", "Accessibilité", "Ce que propose le programme"):
        assert heading in html or heading.replace("&#x27;", "'") in html, heading
    assert "Accès sans marche" in html
    assert f"{place.latitude}, {place.longitude}" in html
    if place.coordinates_approximate:
        assert "Position indicative" in html
    assert '<a href="/fr/culture/">' in html  # back to the map


def test_place_page_in_another_language_is_shown_in_french(client, places):
    response = client.get("/en/culture/citadelle/")
    assert response.status_code == 200
    assert "Citadelle de Besançon" in response.content.decode()


def test_api_exposes_coordinates(client, places):
    response = client.get(
        "/api/v2/pages/", {"type": "culture.CulturalPlacePage", "fields": "latitude,longitude,status,kind"}
    )
    assert response.status_code == 200
    items = {item["meta"]["slug"]: item for item in response.json()["items"]}
    assert Decimal(str(items["citadelle"]["latitude"])) == places["citadelle"].latitude
    assert items["cite-des-savoirs"]["status"] == PlaceStatus.PLANNED


# --- Links with the programme -----------------------------------------------------------------


def proposal_relation():
    try:
        return CulturalPlacePage._meta.get_field("proposal_links")
    except FieldDoesNotExist:
        return None


def expected_links_from_programme_data():
    """(proposal slug, place slug) pairs declared in programme/demo_data/programme.yaml."""
    data = DemoLoader().read_data("programme", "programme.yaml")
    pairs = set()

    def walk(node):
        if isinstance(node, dict):
            if "slug" in node and node.get("places"):
                pairs.update((node["slug"], place) for place in node["places"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    return pairs


@pytest.mark.skipif(proposal_relation() is None, reason="programme has no relation to places yet")
def test_every_place_link_of_the_programme_data_exists(places):
    expected = expected_links_from_programme_data()
    assert expected, "the programme data links no place"
    actual = {
        (page.slug, slug)
        for slug, place in places.items()
        for page in [*proposals_concerning(place), *questions_concerning(place)]
    }
    assert expected <= actual


@pytest.mark.skipif(proposal_relation() is None, reason="programme has no relation to places yet")
@pytest.mark.parametrize("slug", EXPECTED_PLACES)
def test_place_and_its_proposals_link_both_ways(client, places, slug):
    place = places[slug]
    proposals = [*proposals_concerning(place), *questions_concerning(place)]
    place_html = html_of(client, place.url)
    section = place_html[place_html.index('id="propositions-titre"') :]
    for proposal in proposals:
        assert proposal.live
        assert f'href="{proposal.url}"' in section, (slug, proposal.slug)
        assert f'href="{place.url}"' in html_of(client, proposal.url), (proposal.slug, slug)
    if not proposals:
        assert "Aucune proposition du programme ne concerne encore ce lieu." in section


@pytest.mark.skipif(proposal_relation() is None, reason="programme has no relation to places yet")
def test_draft_proposals_are_not_listed(places):
    place = next(p for p in places.values() if proposals_concerning(p))
    proposal = proposals_concerning(place)[0]
    Page.objects.filter(pk=proposal.pk).update(live=False)
    assert proposal.pk not in [p.pk for p in proposals_concerning(place)]


def test_search_finds_a_place_by_its_address(places):
    results = CulturalPlacePage.objects.live().search("Gaulard")
    assert places["cite-des-arts"].pk in [page.pk for page in results]


def test_no_inline_style_or_script_on_culture_pages(client, places, culture_index):
    for url in [culture_index.url, *(place.url for place in places.values())]:
        html = html_of(client, url)
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert " style=" not in html and "<style" not in html, url


def test_editors_get_the_place_form_with_its_panels(client, places, django_user_model):
    admin = django_user_model.objects.create_superuser("redaction-test", "r@example.org", "motdepasse-test")
    client.force_login(admin)
    response = client.get(f"/admin/pages/{places['citadelle'].pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("kind", "status", "latitude", "longitude", "coordinates_approximate", "access",
                  "step_free_access", "accessibility", "opening_hours"):
        assert f'name="{field}' in html, field


def test_coordinates_outside_grand_besancon_are_refused_when_an_editor_saves(places):
    """The admin form runs the model's validation (``clean_fields``) before saving."""
    place = places["citadelle"]
    place.latitude, place.longitude = Decimal("48.856600"), Decimal("2.352200")
    with pytest.raises(ValidationError) as error:
        place.clean_fields()
    assert {"latitude", "longitude"} <= set(error.value.message_dict)

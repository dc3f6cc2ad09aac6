"""The cultural places: demo content, coordinates, place pages, links with the programme.

Expected values come from the seed files (culture/demo_data/culture.yaml and
programme/demo_data/programme.yaml), read here with yaml.safe_load, or are written down."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields

from culture.models import CulturalPlacePage, CultureIndexPage
from demo.loader import DemoLoader, load_all
from maps.svg import BESANCON_BOUNDS
from programme.models import ProposalPage
from programme.queries import proposals_concerning, questions_concerning
from tests.html import one, soup, text_of, texts
from tests.seed import read_seed, seed_proposals, seed_questions, seed_translation

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


STEP_FREE_ACCESS = {
    "yes": "accessible sans marche",
    "partial": "accessible en partie",
    "no": "non accessible sans marche",
    "unknown": "non renseigné",
}


def seed_places():
    """The places of culture.yaml by slug, in the file's order."""
    return {place["slug"]: place for place in read_seed("culture")["places"]}


def degrees(value):
    """A YAML coordinate as the six-decimal Decimal the site stores."""
    return Decimal(str(value)).quantize(Decimal("0.000001"))


@pytest.fixture
def places(culture_index):
    return {place.slug: place for place in culture_index.places()}


def page_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return soup(response)


def test_the_seed_names_the_places_of_the_programme():
    seed = seed_places()
    assert {slug: place["status"] for slug, place in seed.items()} == EXPECTED_PLACES


def test_every_place_of_the_programme_exists_live_under_the_culture_index(places, culture_index):
    assert list(places) == list(EXPECTED_PLACES)
    assert culture_index.url == "/fr/culture/"
    seed = seed_places()
    for slug, status in EXPECTED_PLACES.items():
        place = places[slug]
        assert place.live
        assert place.url == f"/fr/culture/{slug}/"
        assert place.status == status, slug
        assert (place.title, place.kind, place.address) == (seed[slug]["name"], seed[slug]["kind"], seed[slug]["address"])
        assert place.summary and place.body, slug


@pytest.mark.parametrize("slug", EXPECTED_PLACES)
def test_coordinates_are_valid_and_inside_besancon(places, slug):
    place = places[slug]
    seed = seed_places()[slug]
    assert (place.latitude, place.longitude) == (degrees(seed["latitude"]), degrees(seed["longitude"]))
    assert isinstance(place.latitude, Decimal) and isinstance(place.longitude, Decimal)
    # Inside the city: between the points the site's map refuses (tests/home/test_maps.py).
    assert Decimal("47.19") < place.latitude < Decimal("47.31")
    assert Decimal("5.92") < place.longitude < Decimal("6.09")
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


@pytest.mark.parametrize(
    "change",
    [{"latitude": 48.8566}, {"longitude": 2.3522}, {"kind": "casino"}, {"status": "ouvert"}],
    ids=["latitude-paris", "longitude-paris", "unknown-kind", "unknown-status"],
)
def test_demo_data_is_validated_before_it_is_loaded(monkeypatch, places, change):
    """A place of the YAML file that an editor could not save is refused, and nothing changes."""
    read_data = DemoLoader.read_data

    def with_a_bad_citadel(self, app_label, filename):
        data = read_data(self, app_label, filename)
        if app_label == "culture":
            data["places"] = [{**place, **change} if place["slug"] == "citadelle" else place for place in data["places"]]
        return data

    monkeypatch.setattr(DemoLoader, "read_data", with_a_bad_citadel)
    with pytest.raises(ValidationError):
        load_all(app_labels=["home", "culture"])
    citadel = CulturalPlacePage.objects.get(pk=places["citadelle"].pk)
    seed = seed_places()["citadelle"]
    assert (citadel.latitude, citadel.longitude) == (degrees(seed["latitude"]), degrees(seed["longitude"]))
    assert (citadel.kind, citadel.status) == ("heritage_site", "open")


def test_facts_are_synchronised_and_texts_translated():
    fields = {field.field_name: field for field in get_translatable_fields(CulturalPlacePage)}
    # The address is a fact too: the same street in every language.
    for name in ("latitude", "longitude", "kind", "status", "coordinates_approximate", "step_free_access", "address"):
        assert isinstance(fields[name], SynchronizedField), name
    for name in ("title", "summary", "body", "access", "accessibility", "opening_hours", "images"):
        assert isinstance(fields[name], TranslatableField), name


@pytest.mark.parametrize("slug", [slug for slug, status in EXPECTED_PLACES.items() if status == "planned"])
def test_a_planned_place_never_reads_as_an_existing_one(client, places, slug):
    page = page_of(client, places[slug].url)
    header = text_of(one(page, "header.page-header"))
    assert "Lieu en projet" in header
    assert "il n'existe pas encore" in header
    assert page.select(".status-badge--open") == []
    # Its point on the small map is the dashed ring of planned places.
    assert one(page, "#carte-lieu").select(".svg-map__point--planned")


@pytest.mark.parametrize("slug", [slug for slug, status in EXPECTED_PLACES.items() if status == "open"])
def test_an_open_place_is_not_labelled_planned(client, places, slug):
    page = page_of(client, places[slug].url)
    assert "Lieu en projet" not in text_of(page)
    assert text_of(one(page, "header.page-header .status-badge--open")) == "Existe aujourd'hui"


@pytest.mark.parametrize("slug", EXPECTED_PLACES)
def test_place_page_shows_where_how_to_get_there_and_accessibility(client, places, slug):
    seed = seed_places()[slug]
    page = page_of(client, places[slug].url)
    assert text_of(one(page, "h1")) == seed["name"]
    # A small map of the place, as an image (no link inside), named and described.
    small_map = one(page, "#carte-lieu")
    assert one(small_map, "svg.svg-map__svg")["role"] == "img"
    assert small_map.find_all("a") == []
    assert one(small_map, "title#carte-lieu-titre")
    hours = ["Horaires"] if seed.get("opening_hours") else []
    assert texts(page.select("main h2")) == [
        "Où se trouve ce lieu", "Comment s'y rendre", "Accessibilité", *hours, "Ce que propose le programme",
    ]
    assert text_of(one(page, ".cultural-place__address")) == " ".join(seed["address"].split())
    assert f"Accès sans marche : {STEP_FREE_ACCESS[seed['step_free_access']]}" in text_of(page)
    coordinates = one(page, ".cultural-place__coordinates")
    latitude, longitude = degrees(seed["latitude"]), degrees(seed["longitude"])
    assert text_of(one(coordinates, ".cultural-place__latlon")) == f"{latitude}, {longitude}"
    label = "Position indicative" if seed.get("coordinates_approximate") else "Coordonnées"
    assert text_of(coordinates).startswith(f"{label} :")
    assert page.select('main a[href="/fr/culture/"]')  # back to the map


def test_place_page_is_shown_in_its_translation(client, places):
    page = page_of(client, "/en/culture/citadelle/")
    assert text_of(one(page, "h1")) == seed_translation("culture", "en", "Citadelle de Besançon")
    assert page.html["lang"] == "en" and not one(page, "main").has_attr("lang")


def test_api_exposes_coordinates(client, places):
    response = client.get(
        "/api/v2/pages/", {"type": "culture.CulturalPlacePage", "fields": "latitude,longitude,status,kind", "locale": "fr"}
    )
    assert response.status_code == 200
    items = {item["meta"]["slug"]: item for item in response.json()["items"]}
    assert set(items) == set(EXPECTED_PLACES)
    for slug, seed in seed_places().items():
        item = items[slug]
        assert Decimal(str(item["latitude"])) == degrees(seed["latitude"]), slug
        assert Decimal(str(item["longitude"])) == degrees(seed["longitude"]), slug
        assert (item["status"], item["kind"]) == (seed["status"], seed["kind"]), slug


# --- Links with the programme -----------------------------------------------------------------


def seed_programme_pages(place_slug):
    """The URLs of the proposals, then the open questions, that the programme seed links to a
    place, in the file's order."""
    return [page["url"] for page in [*seed_proposals(), *seed_questions()] if place_slug in page["places"]]


def test_every_place_link_of_the_programme_data_exists(places):
    expected = {(page["slug"], slug) for slug in EXPECTED_PLACES for page in [*seed_proposals(), *seed_questions()]
                if slug in page["places"]}
    assert len(expected) == 12
    actual = {
        (page.slug, slug)
        for slug, place in places.items()
        for page in [*proposals_concerning(place), *questions_concerning(place)]
    }
    assert actual == expected


@pytest.mark.parametrize("slug", EXPECTED_PLACES)
def test_place_and_its_proposals_link_both_ways(client, places, slug):
    place = places[slug]
    expected = seed_programme_pages(slug)
    assert expected, "every place of the demo is named by the programme"
    section = one(page_of(client, place.url), "section.cultural-place__proposals")
    assert [link["href"] for link in section.select("a[href]")] == expected
    for url in expected:
        proposal_page = page_of(client, url)
        assert proposal_page.select(f'main a[href="{place.url}"]'), (url, slug)


def test_a_place_no_live_proposal_concerns_says_so(client, places):
    expected = seed_programme_pages("frac")
    assert expected == ["/fr/programme/une-ville-rayonnante/art-moderne-et-contemporain/"]
    ProposalPage.objects.get(reference="P-04", locale__language_code="fr").unpublish()
    section = one(page_of(client, places["frac"].url), "section.cultural-place__proposals")
    assert section.select("a[href]") == []
    assert "Aucune proposition du programme ne concerne encore ce lieu." in text_of(section)


def test_draft_proposals_are_not_listed(places):
    place = places["cite-des-arts"]
    assert [p.reference for p in proposals_concerning(place)] == ["P-04", "P-05"]
    proposal = proposals_concerning(place)[0]
    # Unpublished as an editor does (the list is kept per generation, which this moves on).
    Page.objects.get(pk=proposal.pk).specific.unpublish()
    assert [p.reference for p in proposals_concerning(place)] == ["P-05"]


def test_search_finds_a_place_by_its_address(places):
    results = CulturalPlacePage.objects.live().search("Gaulard")
    assert places["cite-des-arts"].pk in [page.pk for page in results]


def test_no_inline_style_or_script_on_culture_pages(client, places, culture_index):
    urls = [culture_index.url, *(place.url for place in places.values())]
    assert len(urls) == 1 + len(EXPECTED_PLACES)
    for url in urls:
        page = page_of(client, url)
        assert [script for script in page.find_all("script") if not script.get("src")] == [], url
        assert page.select("[style]") == [] and page.find_all("style") == [], url


def test_editors_get_the_place_form_with_its_panels(client, places, django_user_model):
    admin = django_user_model.objects.create_superuser("redaction-test", "r@example.org", "motdepasse-test")
    client.force_login(admin)
    response = client.get(f"/admin/pages/{places['citadelle'].pk}/edit/")
    assert response.status_code == 200
    page = soup(response)
    for field in ("kind", "status", "latitude", "longitude", "coordinates_approximate", "access",
                  "step_free_access", "accessibility", "opening_hours"):
        assert page.select(f'form [name^="{field}"]'), field
    assert one(page, 'form [name="latitude"]')["value"] == "47.231372"


def test_coordinates_outside_grand_besancon_are_refused_when_an_editor_saves(places):
    """The admin form runs the model's validation (``clean_fields``) before saving."""
    place = places["citadelle"]
    place.latitude, place.longitude = Decimal("48.856600"), Decimal("2.352200")
    with pytest.raises(ValidationError) as error:
        place.clean_fields()
    assert {"latitude", "longitude"} <= set(error.value.message_dict)

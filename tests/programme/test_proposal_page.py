"""A proposal page: its axis, themes, quartiers and places as links, dates, citation, permalink."""

import pytest
from django.utils import timezone

from programme.models import ProposalPage
from tests.html import one, soup, text_of, texts
from tests.seed import read_seed, seed_proposals, seed_questions

from .conftest import edit_and_publish

pytestmark = pytest.mark.django_db


def _main(client, page_or_url):
    url = page_or_url if isinstance(page_or_url, str) else page_or_url.url
    response = client.get(url)
    assert response.status_code == 200
    return one(soup(response), "main")


def _seed_proposal(reference):
    return next(proposal for proposal in seed_proposals() if proposal["reference"] == reference)


def _links(main, prefix):
    return [(link["href"], text_of(link)) for link in main.select(f'a[href^="{prefix}"]')]


def test_shows_axis_themes_places_as_links(client, proposal):
    main = _main(client, proposal)
    assert ("/fr/programme/une-ville-rayonnante/", "Axe « Une ville rayonnante »") in _links(main, "/fr/programme/")
    themes = {theme["slug"]: theme["name"] for theme in read_seed("programme")["themes"]}
    seed = _seed_proposal("P-04")
    assert [(tag["href"], text_of(tag)) for tag in main.select("a.tag")] == [
        (f"/fr/programme/?theme={slug}", themes[slug]) for slug in seed["themes"]
    ]
    assert themes["culture-et-patrimoine"] == "Culture et patrimoine"
    places = {place["slug"]: place["name"] for place in read_seed("culture")["places"]}
    assert len(seed["places"]) == 4
    assert _links(main, "/fr/culture/") == [(f"/fr/culture/{slug}/", places[slug]) for slug in seed["places"]]


def test_shows_quartiers_as_links(client):
    main = _main(client, ProposalPage.objects.get(reference="P-08", locale__language_code="fr"))
    assert "Quartiers concernés" in texts(main.find_all(["h2", "h3", "dt"]))
    quartiers = _seed_proposal("P-08")["quartiers"]
    assert len(quartiers) == 6 and quartiers[0] == "planoise"
    assert [href for href, _text in _links(main, "/fr/quartiers/")] == [f"/fr/quartiers/{slug}/" for slug in quartiers]


def test_related_proposals_are_shown_on_both_sides(client, proposal):
    photo = ProposalPage.objects.get(reference="P-05", locale__language_code="fr")
    photo.related_links = []
    photo.save_revision().publish()
    photo_seed, art_seed = _seed_proposal("P-05"), _seed_proposal("P-04")
    assert (photo_seed["url"], photo_seed["title"]) in _links(_main(client, proposal), "/fr/programme/")
    # P-04 links to P-05; P-05 no longer links back, but still lists P-04.
    assert (art_seed["url"], art_seed["title"]) in _links(_main(client, photo_seed["url"]), "/fr/programme/")


def test_citation_box_and_publication_dates(client, proposal):
    first = proposal.first_published_at
    edited = edit_and_publish(proposal, summary="Un nouveau chapeau.")
    main = _main(client, edited)
    box = one(main, "section.citation")
    assert text_of(one(box, "h2")) == "Citer cette proposition"
    facts = dict(zip(texts(box.select("dl dt")), box.select("dl dd"), strict=True))
    assert list(facts) == ["Référence", "Titre", "Lien permanent", "Dernière publication"]
    assert text_of(facts["Référence"]) == "P-04"
    assert text_of(facts["Titre"]) == "Faire entrer Besançon dans l'art moderne et contemporain"
    permalink = "http://127.0.0.1:8000/fr/programme/P-04/"
    link = one(facts["Lien permanent"], "a")
    assert (link["href"], text_of(link)) == (permalink, permalink)
    last = timezone.localtime(edited.last_published_at)
    assert one(facts["Dernière publication"], "time")["datetime"] == last.isoformat()
    assert permalink in text_of(one(box, ".citation__text"))
    assert edited.first_published_at == first < edited.last_published_at
    dates = next(p for p in main.find_all("p") if text_of(p).startswith("Première publication :"))
    assert [time["datetime"] for time in dates.find_all("time")] == [
        timezone.localtime(first).isoformat(),
        last.isoformat(),
    ]
    assert "Dernière publication :" in text_of(dates)
    assert dates.select('a[href="/fr/programme/une-ville-rayonnante/art-moderne-et-contemporain/historique/"]')


def test_permalink_redirects_to_the_current_address(client, proposal):
    response = client.get("/fr/programme/P-04/")
    assert response.status_code == 302
    assert response["Location"] == proposal.url
    proposal = edit_and_publish(proposal, slug="art-contemporain")
    response = client.get("/fr/programme/p-04/")
    assert response["Location"] == "/fr/programme/une-ville-rayonnante/art-contemporain/"


def test_unknown_or_unpublished_reference_is_404(client, proposal):
    assert client.get("/fr/programme/P-99/").status_code == 404
    proposal.unpublish()
    assert client.get("/fr/programme/P-04/").status_code == 404


def test_proposal_links_its_feeds(client, proposal):
    response = client.get(proposal.url)
    assert response.status_code == 200
    feeds = {link["href"]: link.get("title") for link in soup(response).select('link[rel="alternate"][type]')}
    assert feeds["/fr/programme/flux/atom/"] == "Toutes les propositions (Atom)"
    assert "/fr/programme/flux/rss/?theme=culture-et-patrimoine" in feeds


def test_axis_page_lists_its_proposals_and_questions(client, axis):
    response = client.get(axis.url)
    assert response.status_code == 200
    page = soup(response)
    main = one(page, "main")
    references = ["".join(span.find_all(string=True, recursive=False)).strip() for span in main.select("span.reference")]
    expected = [p["reference"] for p in seed_proposals() if p["axis"] == "une-ville-rayonnante"]
    assert references == expected == ["P-01", "P-02", "P-03", "P-04", "P-05"]
    questions = [q["title"] for q in seed_questions() if q["axis"] == "une-ville-rayonnante"]
    assert "Concilier économie de l'espace et développement économique" in questions
    for title in questions:
        assert title in text_of(main), title
    assert page.select('[href="/fr/programme/flux/atom/?axe=une-ville-rayonnante"]')


def test_question_page_shows_lines_of_thought_and_places(client, axis):
    main = _main(client, axis.url + "citadelle-phare-du-grand-besancon/")
    assert "Pistes de réflexion" in texts(main.find_all(["h2", "h3"]))
    lines = one(main, "ul.lines-of-thought")
    seed = next(q for q in seed_questions() if q["slug"] == "citadelle-phare-du-grand-besancon")
    assert len(lines.find_all("li")) == len(seed["lines_of_thought"]) >= 2
    assert _links(main, "/fr/culture/") == [("/fr/culture/citadelle/", "Citadelle de Besançon")]

"""The leak matrix (issue 13): no public surface ever shows non-public content.

One row per kind of non-public content (``KINDS``), one column per public surface (``SURFACES``,
a registry: a new surface joins by one line). Each kind gets a word of its own, written in its
title and body; every surface of the row is read, and the word must be nowhere (nor the page's
address, where the page itself is not public). The row ``public`` is the control: the same
content, public, shows on every surface, so that a surface that shows nothing at all, or a
marker that could not be found, fails the test instead of passing it.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from programme.models import ProposalPage, RelatedProposal
from tests.responses import body

pytestmark = pytest.mark.django_db

# What a visitor reaches the hidden content by: a prefix of its word (4+ letters find longer
# words), so that a page echoing the query does not echo the word itself.
PREFIX = 8


@dataclass
class Hidden:
    """The content of one row and what to look for."""

    kind: str
    word: str
    page: ProposalPage = None
    related: ProposalPage = None  # the live proposal that links to ``page``
    slug: str = ""  # looked for too when the page itself is not public (its address must not show)

    @property
    def query(self):
        return self.word[:PREFIX]


def _page_urls(hidden):
    return [hidden.page.url, f"/fr/programme/{hidden.page.reference}/"] if hidden.page else []


def _api_pages(hidden):
    urls = ["/api/v2/pages/?type=programme.ProposalPage&order=-id&limit=5&fields=*",
            f"/api/v2/pages/?search={hidden.query}&fields=*"]
    if hidden.page:
        urls.append(f"/api/v2/pages/{hidden.page.pk}/")
    return urls


@dataclass(frozen=True)
class Surface:
    name: str
    urls: object  # (hidden) -> the URLs to read
    shows_address: bool = True  # the surface would name the page's address (not its own URL)


SURFACES = [
    Surface("page", _page_urls, shows_address=False),
    Surface("home", lambda h: ["/fr/"]),
    Surface("listing", lambda h: ["/fr/programme/?theme=culture-et-patrimoine", "/fr/programme/une-ville-rayonnante/"]),
    Surface("quartier", lambda h: ["/fr/quartiers/planoise/"]),
    Surface("place", lambda h: ["/fr/culture/citadelle/"]),
    Surface("related", lambda h: [h.related.url]),
    Surface("history", lambda h: [h.related.url + "historique/"]),
    Surface("own history", lambda h: [h.page.url + "historique/"] if h.page else [], shows_address=False),
    Surface("search page", lambda h: [f"/fr/recherche/?q={h.query}"]),
    Surface("search API", lambda h: [f"/api/search/?q={h.query}", f"/api/search/suggest/?q={h.query}"]),
    Surface("API v2 pages", _api_pages),
    Surface("API v2 images", lambda h: ["/api/v2/images/?order=-id&limit=5", f"/api/v2/images/?search={h.query}"]),
    Surface("feeds", lambda h: ["/fr/programme/flux/rss/", "/fr/programme/flux/atom/"]),
    Surface("exports", lambda h: ["/fr/programme/export/csv/", "/fr/programme/export/json/"]),
    Surface("sitemap", lambda h: ["/sitemap.xml"]),
    Surface("follow-up", lambda h: ["/fr/programme/suivi/", "/fr/programme/suivi/?statut=in-progress"]),
    Surface("follow-up feeds", lambda h: ["/fr/programme/suivi/flux/rss/", "/fr/programme/suivi/flux/atom/"]),
    Surface("follow-up history", lambda h: ["/fr/programme/suivi/export/json/"]),
]


def _proposal(word, slug, axis, **fields):
    page = ProposalPage(
        title=f"Proposition {word}",
        slug=slug,
        summary=f"Chapeau {word}.",
        body=[("paragraph", f"<p>Texte {word}.</p>")],
        flagship=True,
        status="in-progress",
        status_justification=f"Justification {word}.",
        **fields,
    )
    page.live = False
    axis.add_child(instance=page)
    return page


def _link(page):
    """Themes, quartier and place, and P-04 relating to it: every listing could name it."""
    from culture.models import CulturalPlacePage
    from programme.models import ProposalPlace, ProposalQuartier, ProposalTheme, Theme
    from quartiers.models import QuartierPage

    page.theme_links = [ProposalTheme(theme=Theme.objects.get(slug="culture-et-patrimoine", locale=page.locale))]
    page.quartier_links = [ProposalQuartier(quartier=QuartierPage.objects.get(slug="planoise", locale=page.locale))]
    page.place_links = [ProposalPlace(place=CulturalPlacePage.objects.get(slug="citadelle", locale=page.locale))]
    page.save()
    related = ProposalPage.objects.get(reference="P-04", locale=page.locale)
    related.related_links = [RelatedProposal(target=page)]
    related.save_revision().publish()
    return ProposalPage.objects.get(pk=related.pk)


def _image(word, collection):
    image = get_image_model().objects.create(
        title=f"Image {word}", file=get_test_image_file(filename=f"{word}.png"), collection=collection
    )
    document = get_document_model().objects.create(title=f"Document {word}", collection=collection)
    return image, document


def _private_collection():
    collection = Collection.get_first_root_node().add_child(name="Réservée")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    return collection


def build(kind, axis, other_axis):
    """The content of the row ``kind``, hidden in that way."""
    word = f"zq{kind.replace('-', '')}marqueur"
    # The address has no marker: the page itself (a 404 page's language links) echoes it.
    page = _proposal(word if kind != "draft" else "publiee", f"proposition-cachee-{kind}", axis)
    hidden = Hidden(kind, word, page=page, slug=page.slug if kind != "draft" else "")
    if kind == "private-collection":
        page.delete()
        hidden.page = None
        hidden.related = ProposalPage.objects.get(reference="P-04", locale__language_code="fr")
        _image(word, _private_collection())
        return hidden
    if kind == "scheduled":
        page.go_live_at = timezone.now() + datetime.timedelta(days=3)
        page.save_revision().publish()  # scheduled, not live
        assert not ProposalPage.objects.get(pk=page.pk).live
    elif kind != "never-published":
        page.save_revision().publish()
    page = ProposalPage.objects.get(pk=page.pk)
    hidden.related = _link(page)
    page = ProposalPage.objects.get(pk=page.pk)
    hidden.page = page
    if kind == "public":
        _image(word, Collection.get_first_root_node())
    elif kind == "draft":
        page.title = f"Proposition {word}"
        page.summary = f"Chapeau {word}."
        page.body = [("paragraph", f"<p>Texte {word}.</p>")]
        page.status = "done"  # a draft status change, with its justification
        page.status_justification = f"Justification {word}."
        page.save_revision()
    elif kind == "unpublished":
        page.unpublish()
    elif kind == "expired":
        ProposalPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(days=1))
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    elif kind == "login":
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    elif kind == "password":
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    elif kind == "restricted-parent":
        page.move(other_axis, pos="last-child")
        PageViewRestriction.objects.create(page=other_axis, restriction_type=PageViewRestriction.PASSWORD, password="x")
        hidden.page = ProposalPage.objects.get(pk=page.pk)
        hidden.slug = hidden.page.slug
    return hidden


KINDS = [
    "draft", "never-published", "unpublished", "expired", "scheduled", "login", "password",
    "restricted-parent", "private-collection",
]


def _read(client, surface, hidden):
    """The text of every response of ``surface`` (redirects followed)."""
    texts = []
    for url in surface.urls(hidden):
        response = client.get(url, follow=True)
        assert response.status_code < 500, (surface.name, url, response.status_code)
        texts.append(body(response).decode("utf-8"))
    return "\n".join(texts)


def _found(client, hidden):
    """{surface: the hidden words it shows}."""
    found = {}
    for surface in SURFACES:
        text = _read(client, surface, hidden)
        words = [hidden.word]
        if hidden.slug and surface.shows_address:
            words.append(hidden.slug)
        shown = [word for word in words if word in text]
        if shown:
            found[surface.name] = shown
    return found


@pytest.mark.parametrize("kind", ["public", *KINDS])
def test_non_public_content_shows_on_no_public_surface(client, kind):
    from programme.models import AxisPage

    axis = AxisPage.objects.get(slug="une-ville-rayonnante", locale__language_code="fr")
    other_axis = AxisPage.objects.get(slug="avec-et-pour-les-citoyens", locale__language_code="fr")
    hidden = build(kind, axis, other_axis)
    found = _found(client, hidden)
    if kind == "public":
        # The control: public, the word shows everywhere (the image on the image surfaces).
        assert {surface.name for surface in SURFACES} - set(found) == set(), found
    else:
        assert found == {}, f"{kind} shows on: {found}"

import itertools

import pytest
from django.utils.text import slugify

from programme.models import (
    AxisPage,
    ProgrammeIndexPage,
    ProposalPage,
    ProposalPlace,
    ProposalQuartier,
    ProposalTheme,
    Theme,
)
from quartiers.models import QuartierPage

_counter = itertools.count(1)


@pytest.fixture
def programme_index(db, locale_fr):
    return ProgrammeIndexPage.objects.get(locale=locale_fr)


@pytest.fixture
def axis(programme_index):
    return AxisPage.objects.child_of(programme_index).get(slug="une-ville-rayonnante")


@pytest.fixture
def axis_citizens(programme_index):
    return AxisPage.objects.child_of(programme_index).get(slug="avec-et-pour-les-citoyens")


@pytest.fixture
def proposal(programme_index):
    """P-04, « Faire entrer Besançon dans l'art moderne et contemporain »."""
    return ProposalPage.objects.get(reference="P-04", locale=programme_index.locale)


@pytest.fixture
def make_proposal(db):
    """Create and publish a proposal under ``axis`` with optional theme/quartier/place slugs."""

    def make(axis, title=None, *, themes=(), quartiers=(), places=(), flagship=False, publish=True, **fields):
        number = next(_counter)
        title = title or f"Proposition d'essai numéro {number}"
        page = ProposalPage(
            title=title,
            slug=slugify(f"{title}-{number}"),
            summary=fields.pop("summary", f"Chapeau de l'essai {number}."),
            body=fields.pop("body", [("paragraph", f"<p>Texte de l'essai {number}.</p>")]),
            flagship=flagship,
            **fields,
        )
        # sort_order as the admin's form writes it: without it PostgreSQL returns the rows in any order.
        page.theme_links = [
            ProposalTheme(theme=Theme.objects.get(slug=s, locale=axis.locale), sort_order=i)
            for i, s in enumerate(themes)
        ]
        page.quartier_links = [
            ProposalQuartier(quartier=QuartierPage.objects.get(slug=s, locale=axis.locale), sort_order=i)
            for i, s in enumerate(quartiers)
        ]
        from culture.models import CulturalPlacePage

        page.place_links = [
            ProposalPlace(place=CulturalPlacePage.objects.get(slug=s, locale=axis.locale), sort_order=i)
            for i, s in enumerate(places)
        ]
        page.live = False
        axis.add_child(instance=page)
        if publish:
            page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


def edit_and_publish(page, **changes):
    page = ProposalPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return ProposalPage.objects.get(pk=page.pk)


def save_draft(page, **changes):
    page = ProposalPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision()
    return ProposalPage.objects.get(pk=page.pk)


@pytest.fixture
def admin_client(client, django_user_model):
    """An administrator, logged in (the admin's forms of the programme)."""
    user = django_user_model.objects.create_superuser("editeur", "editeur@example.org", "motdepasse")
    client.force_login(user)
    return client

"""The permanent reference of a proposal and the shape of the programme's pages."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import TranslationSource

from programme.models import ProposalPage

from .conftest import edit_and_publish

pytestmark = pytest.mark.django_db


def test_new_proposal_gets_the_next_free_reference(axis, make_proposal):
    page = make_proposal(axis)
    assert page.reference == "P-20"
    assert make_proposal(axis).reference == "P-21"


def test_reference_never_changes(proposal):
    edited = edit_and_publish(proposal, reference="P-99", title="Un autre titre")
    assert edited.title == "Un autre titre"
    assert edited.reference == "P-04"


def test_a_copy_gets_its_own_reference(proposal, axis):
    copy = proposal.copy(update_attrs={"slug": "copie-art-moderne", "title": "Copie"}, to=axis)
    copy = ProposalPage.objects.get(pk=copy.pk)
    assert copy.reference == "P-20"
    assert ProposalPage.objects.get(pk=proposal.pk).reference == "P-04"


def test_reference_has_a_fixed_form(axis):
    page = ProposalPage(title="Essai", slug="essai", reference="7")
    with pytest.raises(ValidationError):
        page.clean()


def test_reference_and_flagship_are_synchronised_not_translated():
    fields = {f.field_name: f for f in get_translatable_fields(ProposalPage)}
    assert not fields["reference"].is_translated(None)
    assert not fields["flagship"].is_translated(None)
    assert fields["title"].is_translated(None)


def test_translation_keeps_reference_and_relations(proposal):
    english = Locale.objects.get(language_code="en")
    source, _created = TranslationSource.get_or_create_from_instance(proposal)
    source.create_or_update_translation(english, copy_parent_pages=True, fallback=True)
    translation = proposal.get_translation(english)
    assert translation.reference == "P-04"
    assert translation.translation_key == proposal.translation_key
    # Relations are synchronised: the translation concerns the same places (those of the seed).
    assert {link.place.slug for link in translation.place_links.all()} == {
        "institut-des-beaux-arts", "cite-des-arts", "frac", "espace-art-moderne-contemporain",
    }
    assert {link.place_id for link in translation.place_links.all()} == {
        link.place_id for link in proposal.place_links.all()
    }
    assert ProposalPage.objects.get(pk=proposal.pk).reference == "P-04"


def test_relation_changes_reach_the_translation_on_sync(proposal):
    english = Locale.objects.get(language_code="en")
    source, _created = TranslationSource.get_or_create_from_instance(proposal)
    source.create_or_update_translation(english, copy_parent_pages=True, fallback=True)
    page = ProposalPage.objects.get(pk=proposal.pk)
    assert page.place_links.count() == 4
    page.place_links = [page.place_links.all()[0]]
    page.save_revision().publish()
    source.update_from_db()
    source.create_or_update_translation(english, fallback=True)
    translation = ProposalPage.objects.get(pk=proposal.get_translation(english).pk)
    assert [link.place_id for link in translation.place_links.all()] == [page.place_links.all()[0].place_id]

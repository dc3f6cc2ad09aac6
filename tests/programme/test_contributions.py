"""Contributions to the open questions (issue 11): stored « à relire », moderated in the admin,
shown on the question's page only once approved, with the contact form's protections."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from programme.models import ContributionStatus, QuestionContribution, QuestionPage
from quartiers.models import QuartierPage
from tests.html import one, soup, text_of
from tests.seed import TWELVE_QUARTIERS

pytestmark = pytest.mark.django_db

URL = "/fr/programme/une-ville-rayonnante/sport-de-haut-niveau/"


def _planoise():
    return QuartierPage.objects.get(locale__language_code="fr", slug="planoise")


def _valid():
    return {
        "author_name": "Léa B.",
        "quartier": str(_planoise().pk),
        "message": "Un créneau d'entraînement ouvert aux jeunes du quartier, le mercredi.",
        "consent": "on",
    }


def _question():
    return QuestionPage.objects.get(locale__language_code="fr", slug="sport-de-haut-niveau")


def test_the_form_offers_the_twelve_quartiers_and_asks_for_consent(client):
    page = soup(client.get(URL))
    form = one(page, "#contribuer form[method=post]")
    options = [text_of(option) for option in form.select("select[name=quartier] option")]
    assert options == ["— Choisir —", *TWELVE_QUARTIERS]
    for name in ("author_name", "quartier", "message", "consent"):
        assert text_of(one(form, f'label[for="contribution_{name}"]')), name
    assert one(form, "#contribution_consent")["type"] == "checkbox"
    assert "Aucune contribution n’est encore publiée" in text_of(one(page, ".contributions"))


def test_a_contribution_is_stored_to_review_and_not_shown(client):
    response = client.post(URL, _valid())
    assert response.status_code == 302
    assert response["Location"] == URL + "?contribution=merci#contribuer"
    contribution = QuestionContribution.objects.get()
    assert (contribution.author_name, contribution.quartier.title, contribution.status) == (
        "Léa B.",
        "Planoise",
        "pending",
    )
    assert (contribution.question.pk, contribution.language_code, contribution.consent) == (_question().pk, "fr", True)
    page = soup(client.get(response["Location"]))
    assert "Merci : votre contribution est bien reçue" in text_of(one(page, '[role="status"]'))
    assert "Un créneau d'entraînement" not in text_of(one(page, "main"))


def test_an_approved_contribution_is_shown_with_its_date_in_every_language(client):
    QuestionContribution.objects.create(
        question=_question(),
        author_name="Karim",
        quartier=_planoise(),
        message="Des tribunes accessibles au stade Léo-Lagrange.",
        status=ContributionStatus.APPROVED,
        submitted_at=timezone.make_aware(datetime.datetime(2026, 11, 20, 18, 30)),
    )
    QuestionContribution.objects.create(question=_question(), author_name="Refusé", message="Hors sujet.",
                                        status=ContributionStatus.REJECTED)
    QuestionContribution.objects.create(question=_question(), author_name="En attente", message="Pas encore relu.")
    items = soup(client.get(URL)).select(".contributions__list .contribution")
    assert [text_of(item.select_one(".contribution__meta")) for item in items] == ["Karim, Planoise — 20 novembre 2026"]
    assert one(items[0], "time")["datetime"] == "2026-11-20"
    assert one(items[0], ".contribution__message")["lang"] == "fr"
    english = QuestionPage.objects.get(locale__language_code="en", translation_key=_question().translation_key)
    english_items = soup(client.get(english.url)).select(".contributions__list .contribution")
    assert [text_of(item.select_one(".contribution__message")) for item in english_items] == [
        "Des tribunes accessibles au stade Léo-Lagrange."
    ]
    assert text_of(one(english_items[0], ".contribution__meta")) == "Karim, Planoise — 20 November 2026"


def test_an_empty_contribution_answers_400_with_linked_errors(client):
    response = client.post(URL, {"author_name": "", "message": "", "quartier": ""})
    assert response.status_code == 400
    page = soup(response)
    alert = one(page, '#contribuer [role="alert"]')
    assert [link["href"] for link in alert.select("a[href]")] == [
        "#contribution_author_name",
        "#contribution_message",
        "#contribution_consent",
    ]
    # Every id the fields' aria-describedby names exists on the page.
    for field in page.select("#contribuer [aria-describedby]"):
        for target in field["aria-describedby"].split():
            assert page.find(id=target) is not None, target
    assert QuestionContribution.objects.count() == 0


def test_a_message_over_the_limit_and_a_filled_honeypot_are_refused(client):
    response = client.post(URL, {**_valid(), "message": "x" * 5001})
    assert response.status_code == 400
    assert "Ce texte ne doit pas dépasser 5000 caractères (il en compte 5001)." in text_of(one(soup(response), "main"))
    response = client.post(URL, {**_valid(), "site_web": "http://robot.example"})
    assert response.status_code == 400
    assert QuestionContribution.objects.count() == 0


def test_a_quartier_of_another_list_is_refused(client):
    response = client.post(URL, {**_valid(), "quartier": "999999"})
    assert response.status_code == 400
    assert QuestionContribution.objects.count() == 0


def test_the_sixth_contribution_in_ten_minutes_gets_429_with_the_text_kept(client):
    statuses = [client.post(URL, _valid()).status_code for _ in range(5)]
    assert statuses == [302] * 5
    response = client.post(URL, {**_valid(), "message": "Mon sixième message."})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    page = soup(response)
    assert text_of(one(page, 'textarea[name="message"]')) == "Mon sixième message."
    assert "Votre contribution n’a pas été envoyée" in text_of(one(page, '#contribuer [role="alert"]'))
    assert QuestionContribution.objects.count() == 5


def test_a_reviewer_approves_in_the_admin_and_it_is_recorded(client):
    from home.editorial import REVIEWERS, ensure_editorial_setup

    ensure_editorial_setup()
    reviewer = get_user_model().objects.create_user("relecteur", password="x")
    reviewer.groups.add(Group.objects.get(name=REVIEWERS))
    contribution = QuestionContribution.objects.create(question=_question(), author_name="Léa", message="Oui !")
    client.force_login(reviewer)
    listing = client.get("/admin/contributions/")
    assert listing.status_code == 200
    assert "Léa" in text_of(one(soup(listing), "main"))
    response = client.post(f"/admin/contributions/edit/{contribution.pk}/", {"status": "approved"})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert (contribution.status, contribution.reviewed_by, contribution.message) == ("approved", reviewer, "Oui !")
    assert contribution.reviewed_at is not None
    assert "Oui !" in text_of(one(soup(client.get(URL)), ".contributions__list"))


def test_a_writer_cannot_moderate(client):
    from home.editorial import WRITERS, ensure_editorial_setup

    ensure_editorial_setup()
    writer = get_user_model().objects.create_user("redacteur", password="x")
    writer.groups.add(Group.objects.get(name=WRITERS))
    client.force_login(writer)
    assert client.get("/admin/contributions/").status_code in (302, 403)


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_question_page_s_queries_do_not_grow_with_its_contributions(client):
    def approve(count):
        for number in range(count):
            QuestionContribution.objects.create(
                question=_question(), author_name=f"Habitant {number}", quartier=_planoise(),
                message="Un avis.", status=ContributionStatus.APPROVED,
            )

    approve(1)
    one_contribution = _queries(client, URL)
    approve(9)
    assert len(soup(client.get(URL)).select(".contribution")) == 10
    assert _queries(client, URL) == one_contribution

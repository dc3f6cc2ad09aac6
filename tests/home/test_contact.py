import logging

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from home.models import ContactPage
from tests.html import one, soup, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _team_address(db):
    """The demo mails no one (it knows no real address): these tests give the team one."""
    ContactPage.objects.update(to_address="redaction@nous-sommes-tous-besancon.test")

VALID = {
    "votre_nom": "Camille",
    "votre_adresse_electronique": "camille@example.org",
    "votre_quartier": "Planoise",
    "votre_question": "Quand le budget participatif sera-t-il voté ?",
}


def test_contact_form_renders_labelled_fields(client):
    page = soup(client.get("/fr/contact/"))
    form = one(page, 'main form[method="post"]')
    assert len(VALID) == 4
    for name in VALID:
        assert text_of(one(form, f'label[for="id_{name}"]')), name
        assert one(form, f'#id_{name}')["name"] == name
    assert one(form, 'input[name="csrfmiddlewaretoken"]')


def test_valid_question_is_stored_and_mailed(client):
    response = client.post("/fr/contact/", VALID)
    assert response.status_code == 200
    assert "Merci, votre question est bien envoyée" in text_of(one(soup(response), "main"))
    submission = FormSubmission.objects.get(page=ContactPage.objects.get(locale__language_code="fr"))
    assert submission.get_data()["votre_question"] == VALID["votre_question"]
    assert len(mail.outbox) == 1
    assert "Planoise" in mail.outbox[0].body


def test_invalid_question_answers_400_with_errors_next_to_fields(client):
    response = client.post("/fr/contact/", {**VALID, "votre_adresse_electronique": "pas-une-adresse"})
    assert response.status_code == 400
    page = soup(response)
    alert = one(page, '[role="alert"]')
    assert [link["href"] for link in alert.select("a[href]")] == ["#id_votre_adresse_electronique"]
    field = one(page, "#id_votre_adresse_electronique").find_parent(class_="form-field--error")
    assert field is not None
    assert len(page.select(".form-field--error")) == 1
    # What the visitor typed is kept.
    assert text_of(one(page, 'textarea[name="votre_question"]')) == VALID["votre_question"]
    assert one(page, 'input[name="votre_nom"]')["value"] == VALID["votre_nom"]
    assert FormSubmission.objects.count() == 0


def test_question_is_kept_and_logged_when_the_mail_server_fails(client, settings, caplog):
    settings.EMAIL_BACKEND = "tests.home.failing_mail.FailingBackend"
    with caplog.at_level(logging.ERROR, logger="home.models.contact"):
        response = client.post("/fr/contact/", VALID)
    assert response.status_code == 200
    assert "Merci, votre question est bien envoyée" in text_of(one(soup(response), "main"))
    submission = FormSubmission.objects.get()
    assert submission.get_data()["votre_question"] == VALID["votre_question"]
    [record] = [r for r in caplog.records if "could not be sent" in r.getMessage()]
    assert record.levelno == logging.ERROR and "SMTP server unreachable" in str(record.exc_info[1])

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from home.models import ContactPage

pytestmark = pytest.mark.django_db

VALID = {
    "votre_nom": "Camille",
    "votre_adresse_electronique": "camille@example.org",
    "votre_quartier": "Planoise",
    "votre_question": "Quand le budget participatif sera-t-il voté ?",
}


def test_contact_form_renders_labelled_fields(client):
    html = client.get("/fr/contact/").content.decode()
    for name in VALID:
        assert f'<label for="id_{name}">' in html
    assert 'method="post"' in html


def test_valid_question_is_stored_and_mailed(client):
    response = client.post("/fr/contact/", VALID)
    assert response.status_code == 200
    assert "Merci, votre question est bien envoyée" in response.content.decode()
    submission = FormSubmission.objects.get(page=ContactPage.objects.get())
    assert submission.get_data()["votre_question"] == VALID["votre_question"]
    assert len(mail.outbox) == 1
    assert "Planoise" in mail.outbox[0].body


def test_invalid_question_answers_400_with_errors_next_to_fields(client):
    response = client.post("/fr/contact/", {**VALID, "votre_adresse_electronique": "pas-une-adresse"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in html
    assert 'href="#id_votre_adresse_electronique"' in html
    assert "form-field--error" in html
    # What the visitor typed is kept.
    assert VALID["votre_question"] in html
    assert FormSubmission.objects.count() == 0


def test_question_is_kept_when_the_mail_server_fails(client, settings):
    settings.EMAIL_BACKEND = "tests.home.failing_mail.FailingBackend"
    response = client.post("/fr/contact/", VALID)
    assert response.status_code == 200
    assert FormSubmission.objects.count() == 1

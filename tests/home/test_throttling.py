"""Throttles and limits: login lock-out (django-axes), page passwords, the question form's rate
limit, honeypot and size limits (home.throttling, home.forms, config/settings/base.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from home.models import ContactPage
from tests.html import one, soup, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _team_address(db):
    """The demo mails no one (it knows no real address): these tests give the team one."""
    ContactPage.objects.update(to_address="redaction@nous-sommes-tous-besancon.test")

PASSWORD = "juste-mot-de-passe"  # noqa: S105

VALID = {
    "votre_nom": "Camille",
    "votre_adresse_electronique": "camille@example.org",
    "votre_quartier": "Planoise",
    "votre_question": "Quand le budget participatif sera-t-il voté ?",
}


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user("camille", password=PASSWORD)


def _fail_logins(client, url, times):
    return [client.post(url, {"username": "camille", "password": "faux"}).status_code for _ in range(times)]


@pytest.mark.parametrize("url", ["/admin/login/", "/django-admin/login/"])
def test_five_wrong_passwords_lock_the_account_out_even_with_the_right_one(client, editor, url):
    assert _fail_logins(client, url, 5) == [200, 200, 200, 200, 429]
    response = client.post(url, {"username": "camille", "password": PASSWORD})
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert text_of(one(soup(response), "main h1 + p")) == (
        "Ce compte est bloqué après trop de mots de passe erronés. Réessayez dans 15 minutes, "
        "ou demandez à un administrateur de le débloquer."
    )
    assert "_auth_user_id" not in client.session


def test_the_lock_out_is_for_one_username_only(client, editor):
    _fail_logins(client, "/admin/login/", 5)
    get_user_model().objects.create_user("dominique", password=PASSWORD)
    response = client.post("/admin/login/", {"username": "dominique", "password": PASSWORD})
    assert response.status_code == 302


def test_an_administrator_unlocks_with_axes_reset_username(client, editor):
    _fail_logins(client, "/admin/login/", 5)
    call_command("axes_reset_username", "camille", verbosity=0)
    response = client.post("/admin/login/", {"username": "camille", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_a_right_password_before_the_limit_starts_the_count_again(client, editor):
    assert _fail_logins(client, "/admin/login/", 4) == [200, 200, 200, 200]
    assert client.post("/admin/login/", {"username": "camille", "password": PASSWORD}).status_code == 302
    client.logout()
    assert _fail_logins(client, "/admin/login/", 4) == [200, 200, 200, 200]


@pytest.fixture
def protected_page(db):
    page = Page.objects.get(slug="a-propos", locale__language_code="fr")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="ouvre-toi"
    )
    return page, f"/fr/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"


def test_page_password_wrong_answers_are_limited_per_client(client, protected_page):
    page, url = protected_page
    statuses = [client.post(url, {"password": "faux", "return_url": "/fr/a-propos/"}).status_code for _ in range(6)]
    assert statuses == [200, 200, 200, 200, 200, 429]
    response = client.post(url, {"password": "ouvre-toi", "return_url": "/fr/a-propos/"})
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 900
    assert text_of(one(soup(response), "h1")) == "Trop de tentatives"


def test_page_password_right_answer_still_opens_the_page(client, protected_page):
    page, url = protected_page
    response = client.post(url, {"password": "ouvre-toi", "return_url": "/fr/a-propos/"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/a-propos/"


def test_document_password_wrong_answers_are_limited_too(client):
    collection = Collection.get_first_root_node().add_child(name="Documents protégés")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="ouvre-toi"
    )
    url = f"/documents/authenticate_with_password/{restriction.pk}/"
    statuses = [client.post(url, {"password": "faux", "return_url": "/fr/"}).status_code for _ in range(6)]
    assert statuses == [200, 200, 200, 200, 200, 429]


def test_sixth_question_in_ten_minutes_gets_429_with_the_text_kept(client):
    statuses = [client.post("/fr/contact/", VALID).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 200]
    response = client.post("/fr/contact/", {**VALID, "votre_question": "Et la sixième ?"})
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 600
    page = soup(response)
    alert = text_of(one(page, '[role="alert"]'))
    assert alert.startswith("Trop d’envois en peu de temps Votre question n’a pas été envoyée ; elle est gardée ci-dessous.")
    assert text_of(one(page, 'textarea[name="votre_question"]')) == "Et la sixième ?"
    assert one(page, 'input[name="votre_nom"]')["value"] == "Camille"
    assert FormSubmission.objects.count() == 5
    assert len(mail.outbox) == 5


def test_the_429_page_speaks_the_visitors_language(client):
    for _ in range(5):
        client.post("/de/kontakt/", VALID)
    response = client.post("/de/kontakt/", VALID)
    assert response.status_code == 429
    assert text_of(one(soup(response), '[role="alert"] h2')) == "Zu viele Sendungen in kurzer Zeit"


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client):
    page = soup(client.get("/fr/contact/"))
    field = one(page, 'input[name="site_web"]')
    assert field["tabindex"] == "-1"
    assert field["autocomplete"] == "off"
    wrapper = field.find_parent(class_="form-field--honeypot")
    assert wrapper.has_attr("hidden")
    assert wrapper["aria-hidden"] == "true"
    assert text_of(one(wrapper, "label")) == "Laissez ce champ vide : il sert à repérer les envois automatiques."


def test_a_filled_honeypot_refuses_the_form_and_stores_nothing(client):
    response = client.post("/fr/contact/", {**VALID, "site_web": "https://spam.example"})
    assert response.status_code == 400
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []
    field = one(soup(response), 'input[name="site_web"]').find_parent(class_="form-field--honeypot")
    assert not field.has_attr("hidden")
    assert "Ce champ doit rester vide : videz-le, puis envoyez de nouveau." in text_of(field)


def test_the_honeypot_is_neither_stored_nor_mailed(client):
    assert client.post("/fr/contact/", {**VALID, "site_web": ""}).status_code == 200
    assert set(FormSubmission.objects.get().get_data()) == {
        "votre_nom", "votre_adresse_electronique", "votre_quartier", "votre_question", "submit_time",
    }
    assert "Laissez ce champ vide" not in mail.outbox[0].body


def test_a_question_over_5000_characters_is_refused_with_the_limit_named(client):
    response = client.post("/fr/contact/", {**VALID, "votre_question": "a" * 5001})
    assert response.status_code == 400
    assert FormSubmission.objects.count() == 0
    assert one(soup(response), 'textarea[name="votre_question"]')["maxlength"] == "5000"
    assert "Ce texte ne doit pas dépasser 5000 caractères (il en compte 5001)." in text_of(one(soup(response), '[role="alert"]'))


def test_a_question_of_5000_characters_is_accepted(client):
    assert client.post("/fr/contact/", {**VALID, "votre_question": "a" * 5000}).status_code == 200


def test_a_name_over_255_characters_is_refused_with_the_limit_named(client):
    response = client.post("/fr/contact/", {**VALID, "votre_nom": "C" * 256})
    assert response.status_code == 400
    assert "Ce texte ne doit pas dépasser 255 caractères (il en compte 256)." in text_of(one(soup(response), '[role="alert"]'))


def test_extra_fields_are_refused(client):
    extra = {f"champ_{number}": "x" for number in range(20)}
    response = client.post("/fr/contact/", {**VALID, **extra})
    assert response.status_code == 400
    assert FormSubmission.objects.count() == 0
    assert "L’envoi contient 24 champs ; ce formulaire en accepte au plus 6." in text_of(one(soup(response), '[role="alert"]'))


def test_more_fields_than_the_site_accepts_answer_400_with_the_limit(client):
    response = client.post("/fr/contact/", {f"champ_{number}": "x" for number in range(10_001)})
    assert response.status_code == 400
    assert text_of(one(soup(response), "main h1 + p")) == "L’envoi contient trop de champs : la limite est de 10000."
    assert FormSubmission.objects.count() == 0


def test_a_body_over_2_5_mb_answers_400_with_the_limit(client):
    response = client.post("/fr/contact/", {**VALID, "votre_question": "a" * (3 * 1024 * 1024)})
    assert response.status_code == 400
    assert text_of(one(soup(response), "main h1 + p")) == "L’envoi est trop volumineux : la limite est de 2,5 Mo, sans les fichiers joints."
    assert FormSubmission.objects.count() == 0


def test_behind_one_proxy_the_client_is_the_address_nginx_appended(rf, settings):
    from home.throttling import client_ip

    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7", REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == "203.0.113.7"


def test_without_a_proxy_x_forwarded_for_is_not_believed(rf, settings):
    from home.throttling import client_ip

    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="198.51.100.4")
    assert client_ip(request) == "198.51.100.4"


def test_the_form_limit_counts_each_client_apart(client):
    for _ in range(5):
        client.post("/fr/contact/", VALID, REMOTE_ADDR="198.51.100.4")
    assert client.post("/fr/contact/", VALID, REMOTE_ADDR="198.51.100.4").status_code == 429
    assert client.post("/fr/contact/", VALID, REMOTE_ADDR="198.51.100.5").status_code == 200


def test_the_login_lock_out_page_speaks_english_under_en(client, editor):
    client.cookies["django_language"] = "en"
    _fail_logins(client, "/admin/login/", 5)
    response = client.post("/admin/login/", {"username": "camille", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert text_of(one(soup(response), "h1")) == "Too many attempts"

"""Faults answer with a page that needs no database, and say only what is true."""

import pytest
from django.db import OperationalError
from django.test import Client, override_settings
from wagtail.models import Site

from tests.html import soup, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_database(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    monkeypatch.setattr(Site, "find_for_request", refuse)


def test_database_down_answers_503_with_retry_after(unreachable_database):
    response = Client(raise_request_exception=False).get("/fr/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = soup(response)
    assert text_of(page.h1) == "Service momentanément indisponible"
    assert "Réessayez dans 30 secondes." in text_of(page.main)


def test_the_500_page_says_the_team_is_notified_only_when_someone_is(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(Site, "find_for_request", fail)
    client = Client(raise_request_exception=False)
    with override_settings(ADMINS=[]):
        response = client.get("/fr/")
    assert response.status_code == 500
    assert "prévenue" not in text_of(soup(response).main)
    with override_settings(ADMINS=[("Équipe", "equipe@example.org")]):
        response = client.get("/fr/")
    assert "L’équipe a été prévenue" in text_of(soup(response).main)

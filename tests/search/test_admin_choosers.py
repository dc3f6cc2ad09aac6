"""The admin's choosers search through the same backend as the site (its autocomplete compiler,
not the ranking one): a search in the page chooser answers, it does not fail."""

import pytest
from django.contrib.auth import get_user_model

from tests.html import soup, text_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["Planoise", "planoi", "Citadelle"])
def test_the_page_chooser_finds_a_page_by_its_title(client, query):
    client.force_login(get_user_model().objects.create_superuser("admin", password="x"))
    response = client.get("/admin/choose-page/search/", {"q": query})
    assert response.status_code == 200
    titles = [text_of(link) for link in soup(response).select("a.choose-page")]
    assert any(query.lower()[:6] in title.lower() for title in titles), titles

"""The admin's « Recherches des visiteurs » report and the search promotions, for the
communications team's groups (« Rédaction », « Validation », « Traduction »: home/editorial.py)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search.models import UnansweredQuery
from tests.html import soup, text_of

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/search-statistics/"
PROMOTIONS = "/admin/searchpicks/"
WRITERS, REVIEWERS, TRANSLATORS = "Rédaction", "Validation", "Traduction"


def _login(client, group_name=None, **extra):
    user = get_user_model().objects.create_user("membre", password="x", **extra)
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return user


def _days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def _counted(query_string, days_ago, hits, unanswered=False):
    if unanswered:
        UnansweredQuery.objects.create(query_string=query_string, date=_days_ago(days_ago), hits=hits)
    else:
        QueryDailyHits.objects.create(query=Query.get(query_string), date=_days_ago(days_ago), hits=hits)


def _table(page, table_id):
    return [[text_of(cell) for cell in row.select("td")] for row in page.select(f"#{table_id} tbody tr")]


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(REPORT)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_users_without_the_admin_are_sent_to_the_login_page(client):
    _login(client)
    response = client.get(REPORT)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_translators_may_not_see_the_report(client):
    _login(client, TRANSLATORS)
    response = client.get(REPORT)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert REPORT not in client.get("/admin/").content.decode()  # nor its menu item


@pytest.mark.parametrize("group_name", [WRITERS, REVIEWERS])
def test_editors_see_the_last_30_days_most_frequent_and_unanswered_queries(client, group_name):
    _counted("planoise", 0, 5)
    _counted("planoise", 29, 2)  # the 30th day, today included
    _counted("citadelle", 10, 6)
    _counted("marché de noël", 30, 50)  # a day too old
    _counted("piscine", 0, 3, unanswered=True)
    _counted("piscine", 5, 1, unanswered=True)
    _counted("patinoire", 2, 2, unanswered=True)
    _counted("tramway", 31, 9, unanswered=True)
    _login(client, group_name)

    response = client.get(REPORT)
    assert response.status_code == 200
    page = soup(response)
    assert text_of(page.select_one("h1")) == "Recherches des visiteurs"
    assert _table(page, "frequent-queries") == [["planoise", "7"], ["citadelle", "6"]]
    assert _table(page, "unanswered-queries") == [["piscine", "4"], ["patinoire", "2"]]
    assert REPORT in client.get("/admin/").content.decode()  # the Reports menu leads to it


def test_the_report_says_when_nothing_was_searched(client):
    _login(client, WRITERS)
    page = soup(client.get(REPORT))
    assert page.select("table") == []
    assert [text_of(p) for p in page.select("section p")] == ["Aucune recherche sur la période."] * 2


def test_administrators_see_the_report(client):
    _login(client, is_superuser=True)
    assert client.get(REPORT).status_code == 200


def test_reviewers_pin_pages_to_queries_writers_do_not(client):
    _login(client, REVIEWERS)
    assert client.get(PROMOTIONS).status_code == 200
    assert client.get(f"{PROMOTIONS}add/").status_code == 200
    assert PROMOTIONS in client.get("/admin/").content.decode()  # Settings › Promoted search results
    client.logout()
    get_user_model().objects.filter(username="membre").delete()
    _login(client, WRITERS)
    assert client.get(PROMOTIONS).status_code == 302
    assert PROMOTIONS not in client.get("/admin/").content.decode()

"""`make run`'s local accounts: the administrator and one per editorial group, development only."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match=r"^Ces comptes ne sont créés qu'en développement \(DEBUG=True\)\.$"):
        call_command("create_dev_accounts")
    assert not get_user_model().objects.filter(username__in=["admin", "redaction"]).exists()


def test_refused_with_the_production_settings(settings):
    settings.DEBUG = True
    settings.SETTINGS_MODULE = "config.settings.production"
    with pytest.raises(CommandError):
        call_command("create_dev_accounts")


def test_one_account_per_role_printed(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.delenv("PORT", raising=False)
    out = StringIO()
    call_command("create_dev_accounts", stdout=out, no_color=True)
    call_command("create_dev_accounts", stdout=StringIO())  # again: nothing duplicated
    assert out.getvalue().splitlines() == [
        "Administration : http://127.0.0.1:8000/admin/ (comptes locaux de développement)",
        "  « admin » / « besancon-dev » — superutilisateur : administration, tous les droits",
        "  « redaction » / « besancon-dev » — groupe « Rédaction » : écrit et soumet, ne publie pas",
        "  « validation » / « besancon-dev » — groupe « Validation » : relit, approuve, publie, programme, dépublie",
        "  « traduction » / « besancon-dev » — groupe « Traduction » : traduit en anglais et en allemand et soumet, ne publie pas",
    ]
    users = get_user_model().objects.filter(username__in=["admin", "redaction", "validation", "traduction"])
    rows = sorted((user.username, user.is_superuser, [group.name for group in user.groups.all()]) for user in users)
    assert rows == [
        ("admin", True, []),
        ("redaction", False, ["Rédaction"]),
        ("traduction", False, ["Traduction"]),
        ("validation", False, ["Validation"]),
    ]
    assert all(user.check_password("besancon-dev") for user in users)
    assert get_user_model().objects.get(username="validation").has_perm("wagtailadmin.access_admin")


def test_the_address_printed_is_the_port_served(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setenv("PORT", "8106")
    out = StringIO()
    call_command("create_dev_accounts", stdout=out, no_color=True)
    assert out.getvalue().splitlines()[0] == (
        "Administration : http://127.0.0.1:8106/admin/ (comptes locaux de développement)"
    )

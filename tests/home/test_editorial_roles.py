"""The communications team's day in the admin: « Rédaction » writes and submits, « Validation »
reviews, publishes, schedules and unpublishes, « Traduction » translates and submits but never
publishes nor changes the French (home/editorial.py, translation/review.py).

Each step goes through the admin's real addresses with Django's test client.
"""

import datetime
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import resolve, reverse
from wagtail.models import Locale, Page, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from home.models import StandardPage
from programme.models import Theme
from tests.translating import add_french_page
from translation.review import SyncTranslationsView

pytestmark = pytest.mark.django_db

WRITERS, REVIEWERS, TRANSLATORS = "Rédaction", "Validation", "Traduction"


def _login(client, group_name, username=None):
    user = get_user_model().objects.create_user(username or group_name.lower(), password="x")
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return user


def _page_form(page, **changes):
    """The edit form of a standard page as the admin posts it, with ``changes``."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": streamfield([]),
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


def _theme_form(theme, **changes):
    data = {"name": theme.name, "slug": theme.slug, "description": theme.description}
    data.update(changes)
    return data


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def _task_state(obj):
    state = obj.current_workflow_state
    assert state is not None, "no workflow in progress"
    return state.current_task_state


PARIS_SUMMER = datetime.timezone(datetime.timedelta(hours=2))
JUNE_1_2099_0900 = datetime.datetime(2099, 6, 1, 9, 0, tzinfo=PARIS_SUMMER)
JUNE_1_2099_0901 = datetime.datetime(2099, 6, 1, 9, 1, tzinfo=PARIS_SUMMER)


def _on(moment):
    """The clock of Django (and so of Wagtail's ``publish_scheduled``) set to ``moment``."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def _page_action(page, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def _theme_url(view, *args):
    return reverse(f"wagtailsnippets_programme_theme:{view}", args=args)


@pytest.fixture
def about(home_page):
    """A French page not translated yet (the demo's are): its English copy waits for a translator."""
    return add_french_page(home_page, StandardPage(title="À propos", slug="a-propos-de-la-liste", summary="Qui nous sommes."))


@pytest.fixture
def about_en(about):
    return about.get_translation(Locale.objects.get(language_code="en")).specific


@pytest.fixture
def sport(locale_fr):
    return Theme.objects.get(slug="sport", locale=locale_fr)


@pytest.fixture
def untranslated_theme(locale_fr):
    """A French theme not translated yet (the demo's are)."""
    theme = Theme(name="Sport", slug="sport-de-quartier", locale=locale_fr)
    theme.save()
    theme.save_revision().publish()
    return theme


# « Rédaction »


def test_writer_creates_a_page_and_submits_it(client, home_page):
    _login(client, WRITERS)
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", home_page.pk])
    form = nested_form_data(
        {
            "title": "Nos permanences",
            "slug": "permanences",
            "summary": "Où nous rencontrer.",
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-submit": "submit",
        }
    )
    response = client.post(url, form)
    assert response.status_code == 302
    page = StandardPage.objects.get(slug="permanences", locale__language_code="fr")
    assert page.live is False
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.current_workflow_task.name == "Validation par l'équipe Validation"


def test_writer_cannot_publish(client, about):
    _login(client, WRITERS)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[about.pk]),
        _page_form(about, title="À propos, publié par la Rédaction", **{"action-publish": "publish"}),
    )
    about.refresh_from_db()
    assert about.title == "À propos"
    assert about.live_revision.content["title"] == "À propos"
    # Wagtail saves it as a draft instead.
    assert response.status_code == 302
    assert about.get_latest_revision().content["title"] == "À propos, publié par la Rédaction"
    # Nor unpublish.
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[about.pk]))
    about.refresh_from_db()
    assert about.live is True


def test_writer_submits_a_snippet_and_cannot_publish_it(client, sport):
    _login(client, WRITERS)
    response = client.post(
        _theme_url("edit", sport.pk), _theme_form(sport, name="Sport pour tous", **{"action-submit": "submit"})
    )
    assert response.status_code == 302
    sport.refresh_from_db()
    assert sport.name == "Sport"  # the live row is unchanged until approved
    assert sport.latest_revision.content["name"] == "Sport pour tous"
    assert sport.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    response = client.post(
        _theme_url("edit", sport.pk), _theme_form(sport, name="Sport publié", **{"action-publish": "publish"})
    )
    sport.refresh_from_db()
    assert sport.name == "Sport"
    assert sport.live is True


# « Validation »


def test_reviewer_approves_a_submitted_page(client, about):
    writer = get_user_model().objects.create_user("plume", password="x")
    writer.groups.add(Group.objects.get(name=WRITERS))
    client.force_login(writer)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[about.pk]),
        _page_form(about, title="À propos de nous", **{"action-submit": "submit"}),
    )
    about.refresh_from_db()
    assert about.title == "À propos"

    _login(client, REVIEWERS)
    task_state = _task_state(about)
    response = client.post(_page_action(about, "approve", task_state), {"comment": "Très bien."})
    assert response.status_code == 302
    about.refresh_from_db()
    assert about.title == "À propos de nous"
    assert about.live is True
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED
    assert about.live_revision.user == writer


def test_reviewer_rejects_a_submitted_page_with_a_comment(client, about):
    _login(client, WRITERS)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[about.pk]),
        _page_form(about, title="À propos (brouillon)", **{"action-submit": "submit"}),
    )
    _login(client, REVIEWERS)
    task_state = _task_state(about)
    response = client.post(_page_action(about, "reject", task_state), {"comment": "Préciser qui nous sommes."})
    assert response.status_code == 302
    task_state = TaskState.objects.get(pk=task_state.pk)
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == "Préciser qui nous sommes."
    assert about.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    about.refresh_from_db()
    assert about.title == "À propos"


def test_writer_cannot_approve(client, about):
    writer = _login(client, WRITERS)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[about.pk]),
        _page_form(about, title="Approuvé par moi-même", **{"action-submit": "submit"}),
    )
    task_state = _task_state(about)
    response = client.post(_page_action(about, "approve", task_state))
    assert response.status_code in (302, 403)
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS
    about.refresh_from_db()
    assert about.title == "À propos"
    assert about.current_workflow_task.get_actions(about, writer) == []


def test_reviewer_approves_a_snippet(client, sport):
    _login(client, WRITERS)
    client.post(_theme_url("edit", sport.pk), _theme_form(sport, name="Sport pour tous", **{"action-submit": "submit"}))
    _login(client, REVIEWERS)
    task_state = _task_state(sport)
    url = reverse("wagtailsnippets_programme_theme:workflow_action", args=[sport.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code == 302
    sport.refresh_from_db()
    assert sport.name == "Sport pour tous"
    assert sport.live is True


def test_reviewer_schedules_a_page_published_by_publish_scheduled(client, home_page):
    """Approved with a go-live date in the future, the page waits; Wagtail's
    ``publish_scheduled`` publishes it once the date has passed."""
    _login(client, WRITERS)
    client.post(
        reverse("wagtailadmin_pages:add", args=["home", "standardpage", home_page.pk]),
        nested_form_data(
            {
                "title": "Réunion publique du 12 juin",
                "slug": "reunion-publique",
                "summary": "",
                "body": streamfield([]),
                "comments": inline_formset([]),
                "go_live_at": "2099-06-01 09:00",
                "action-submit": "submit",
            }
        ),
    )
    page = StandardPage.objects.get(slug="reunion-publique", locale__language_code="fr")
    _login(client, REVIEWERS)
    client.post(_page_action(page, "approve", _task_state(page)), {"comment": ""})
    page.refresh_from_db()
    assert page.live is False
    revision = page.latest_revision
    assert revision.approved_go_live_at == JUNE_1_2099_0900

    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.live is False

    with _on(JUNE_1_2099_0901):
        call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.live is True
    assert page.title == "Réunion publique du 12 juin"


def test_reviewer_schedules_a_snippet(client, sport):
    _login(client, REVIEWERS)
    client.post(
        _theme_url("edit", sport.pk),
        _theme_form(sport, name="Sports", go_live_at="2099-06-01 09:00", **{"action-publish": "publish"}),
    )
    sport.refresh_from_db()
    assert (sport.name, sport.live) == ("Sport", True)
    assert sport.scheduled_revision.approved_go_live_at == JUNE_1_2099_0900
    call_command("publish_scheduled", verbosity=0)
    sport.refresh_from_db()
    assert sport.name == "Sport"
    with _on(JUNE_1_2099_0901):
        call_command("publish_scheduled", verbosity=0)
    sport.refresh_from_db()
    assert (sport.name, sport.live) == ("Sports", True)


def test_reviewer_unpublishes_a_page_and_a_snippet(client, about, sport):
    _login(client, REVIEWERS)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[about.pk]))
    assert response.status_code == 302
    about.refresh_from_db()
    assert about.live is False

    response = client.post(_theme_url("unpublish", sport.pk))
    assert response.status_code == 302
    sport.refresh_from_db()
    assert sport.live is False
    # A theme that is not live leaves the programme's filters.
    listing = client.get("/fr/programme/")
    assert 'value="sport"' not in listing.content.decode()


# « Traduction »


def test_translator_cannot_change_nor_publish_a_french_page(client, about):
    _login(client, TRANSLATORS)
    edit_url = reverse("wagtailadmin_pages:edit", args=[about.pk])
    response = client.get(edit_url)
    assert response.status_code == 302
    assert [text.strip() for text in _messages(response)] == [
        "Désolé, vous n&#x27;avez pas les autorisations pour accéder à cette zone."
    ]
    response = client.post(edit_url, _page_form(about, title="About", **{"action-publish": "publish"}))
    assert response.status_code == 302
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[about.pk]))
    about.refresh_from_db()
    assert about.title == "À propos"
    assert about.live is True
    assert about.get_latest_revision().content["title"] == "À propos"


def test_translator_cannot_change_a_french_snippet(client, sport):
    revision = sport.latest_revision
    _login(client, TRANSLATORS)
    response = client.get(_theme_url("edit", sport.pk))
    assert response.status_code == 302
    assert response["Location"] == _theme_url("list")
    assert _messages(response) == ["« Sport » (Français) : vous pouvez le traduire, pas le modifier."]
    response = client.post(_theme_url("edit", sport.pk), _theme_form(sport, name="Sports", **{"action-submit": "submit"}))
    assert response.status_code == 302
    sport.refresh_from_db()
    assert sport.name == "Sport"
    assert sport.latest_revision == revision
    assert sport.current_workflow_state is None


def _translate_page(client, page, language="en"):
    locale = Locale.objects.get(language_code=language)
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [locale.pk]}
    )
    assert response.status_code == 302
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)


def _translate_string(client, translation, source_text, text):
    segment = StringSegment.objects.get(source=translation.source, string__data=source_text)
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    return client.put(url, urlencode({"value": text}), content_type="application/x-www-form-urlencoded")


def test_translator_translates_a_page_submits_it_and_validation_publishes_it(client, about, about_en):
    assert about_en.alias_of_id == about.pk
    translator = _login(client, TRANSLATORS)
    translation = _translate_page(client, about)
    about_en.refresh_from_db()
    assert about_en.alias_of_id is None  # a translation now, still showing the French
    assert about_en.title == "À propos"

    # The translation editor, and one string translated.
    assert client.get(reverse("wagtailadmin_pages:edit", args=[about_en.pk])).status_code == 200
    assert _translate_string(client, translation, "À propos", "About us").status_code == 201

    # « Publish » in the translation editor is refused.
    response = client.post(reverse("wagtailadmin_pages:edit", args=[about_en.pk]), {"action": "publish"})
    assert response.status_code == 302
    about_en.refresh_from_db()
    assert about_en.title == "À propos"

    # « Soumettre à la relecture »: a draft revision in the workflow, the live page unchanged.
    submit_url = reverse("translation_submit_for_review", args=[translation.pk])
    assert client.get(submit_url).status_code == 200
    response = client.post(submit_url)
    assert response.status_code == 302
    assert _messages(response) == ["« About us » (English) est soumis au circuit « Relecture »."]
    about_en.refresh_from_db()
    assert about_en.title == "À propos"
    assert about_en.get_latest_revision().content["title"] == "About us"
    assert about_en.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert about_en.current_workflow_state.requested_by == translator

    _login(client, REVIEWERS)
    client.post(_page_action(about_en, "approve", _task_state(about_en)), {"comment": ""})
    about_en.refresh_from_db()
    assert about_en.title == "About us"
    assert about_en.live is True
    about.refresh_from_db()
    assert about.title == "À propos"


def test_translator_syncs_translations_without_publishing_them(client, about, about_en):
    _login(client, REVIEWERS, "validatrice")
    _translate_page(client, about)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[about.pk]),
        _page_form(about, title="À propos de la liste", **{"action-publish": "publish"}),
    )
    source = TranslationSource.objects.get(object_id=about.translation_key)
    sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert resolve(sync_url).func.view_class is SyncTranslationsView

    _login(client, TRANSLATORS)
    response = client.get(sync_url)
    assert response.status_code == 200
    assert 'name="publish_translations"' in response.content.decode()
    assert response.context["form"].fields["publish_translations"].disabled is True
    response = client.post(sync_url, {"publish_translations": "on"})
    assert response.status_code == 302
    about_en.refresh_from_db()
    assert about_en.title == "À propos"  # synced into the translation memory, not published

    # Validation may publish them at once.
    client.force_login(get_user_model().objects.get(username="validatrice"))
    response = client.post(sync_url, {"publish_translations": "on"})
    assert response.status_code == 302
    about_en.refresh_from_db()
    assert about_en.title == "À propos de la liste"


def test_translator_cannot_publish_nor_unpublish_translated_pages(client, about_en):
    _login(client, TRANSLATORS)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[about_en.pk]))
    assert response.status_code == 302
    about_en.refresh_from_db()
    assert about_en.live is True
    permissions = about_en.permissions_for_user(get_user_model().objects.get(username="traduction"))
    assert (permissions.can_edit(), permissions.can_publish(), permissions.can_delete()) == (True, False, False)


def test_translator_translates_a_snippet_and_submits_it(client, untranslated_theme):
    sport = untranslated_theme
    translator = _login(client, TRANSLATORS)
    english = Locale.objects.get(language_code="en")
    url = reverse("wagtail_localize:submit_snippet_translation", args=["programme", "theme", sport.pk])
    response = client.post(url, {"locales": [english.pk]})
    assert response.status_code == 302
    sport_en = Theme.objects.get(translation_key=sport.translation_key, locale=english)
    assert sport_en.live is False  # a draft, not shown to visitors

    translation = Translation.objects.get(source__object_id=sport.translation_key, target_locale=english)
    assert client.get(_theme_url("edit", sport_en.pk)).status_code == 200  # the translation editor
    assert _translate_string(client, translation, "Sport", "Sports").status_code == 201
    response = client.post(_theme_url("edit", sport_en.pk), {"action": "publish"})
    sport_en.refresh_from_db()
    assert sport_en.live is False

    response = client.post(reverse("translation_submit_for_review", args=[translation.pk]))
    assert response.status_code == 302
    sport_en.refresh_from_db()
    assert sport_en.latest_revision.content["name"] == "Sports"
    assert sport_en.current_workflow_state.requested_by == translator

    _login(client, REVIEWERS)
    task_state = _task_state(sport_en)
    url = reverse("wagtailsnippets_programme_theme:workflow_action", args=[sport_en.pk, "approve", task_state.pk])
    client.post(url, {"comment": ""})
    sport_en.refresh_from_db()
    assert (sport_en.name, sport_en.live) == ("Sports", True)
    sport.refresh_from_db()
    assert sport.name == "Sport"


def test_the_review_workflow_covers_every_tree_and_snippet(about, about_en, sport):
    assert about.get_workflow().name == "Relecture"
    assert about_en.get_workflow().name == "Relecture"
    assert Page.objects.get(depth=2, locale__language_code="de").get_workflow().name == "Relecture"
    assert sport.get_workflow().name == "Relecture"

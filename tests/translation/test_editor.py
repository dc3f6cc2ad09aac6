"""« Translate with LibreTranslate / DeepL » in wagtail-localize's editor, end to end: the real
admin views, a logged-in translator, the stand-in services."""

from urllib.parse import urlencode

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail_localize.models import StringSegment, StringTranslation

from tests.translation.stubs import refused_url

pytestmark = pytest.mark.django_db

NOTHING_LOST = "Aucune traduction n'a été enregistrée ; les traductions déjà saisies sont inchangées."


def _edit_url(translation):
    return reverse("wagtailadmin_pages:edit", args=[translation.get_target_instance().id])


def _translate_with_the_machine(client, translation):
    return client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.id]), {"next": _edit_url(translation)}
    )


def _strings(translation):
    """{segment path: (text, who wrote it, with what)} of the translation's strings."""
    return {
        st.context.path: (st.data, st.translation_type, st.tool_name)
        for st in StringTranslation.objects.filter(
            locale=translation.target_locale, context__object_id=translation.source.object_id
        ).select_related("context")
    }


def _body_path(translation):
    return StringSegment.objects.get(source=translation.source, context__path__startswith="body.").context.path


@pytest.fixture
def logged_in(client, translator_user):
    client.force_login(translator_user)
    return client


def test_the_editor_offers_no_machine_translation_when_none_is_configured(logged_in, english_translation):
    response = logged_in.get(_edit_url(english_translation))
    assert response.status_code == 200
    assert reverse("wagtail_localize:machine_translate", args=[english_translation.id]) not in response.text
    url = reverse("wagtail_localize:machine_translate", args=[english_translation.id])
    assert logged_in.post(url, {"next": _edit_url(english_translation)}, follow=True).status_code == 404
    assert _strings(english_translation) == {}


def test_translate_with_the_service_end_to_end(service, logged_in, english_translation):
    service_name = service.name
    response = logged_in.get(_edit_url(english_translation))
    assert reverse("wagtail_localize:machine_translate", args=[english_translation.id]) in response.text

    response = _translate_with_the_machine(logged_in, english_translation)

    assert response.status_code == 302
    assert response.url == _edit_url(english_translation)
    assert [message.level_tag for message in get_messages(response.wsgi_request)] == ["success"]
    assert _strings(english_translation) == {
        "title": ("LE MARCHÉ DE Planoise", "machine", service_name),
        "slug": ("MARCHE-DE-PLANOISE", "machine", service_name),
        "summary": ("CHAQUE SAMEDI MATIN, PLACE DU MARCHÉ.", "machine", service_name),
        _body_path(english_translation): (
            'LE <a id="a1">MARCHÉ</a> DE <b>Planoise</b> OUVRE PRÈS DE LA Cité des Savoirs.',
            "machine",
            service_name,
        ),
    }
    assert len(service.received) == 1


def _translate_title_by_hand(translation, user):
    segment = StringSegment.objects.get(source=translation.source, context__path="title")
    StringTranslation.objects.create(
        translation_of_id=segment.string_id,
        locale=translation.target_locale,
        context_id=segment.context_id,
        data="Planoise market",
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        last_translated_by=user,
    )


@pytest.mark.parametrize(
    ("behaviour", "problem"),
    [
        ("slow", "n'a pas répondu à temps."),
        (429, "reçoit trop de demandes : réessayez dans quelques minutes."),
        (500, "a répondu par une erreur (code 500)."),
        ("malformed", "a envoyé une réponse illisible."),
    ],
)
def test_a_failure_is_told_to_the_editor_and_loses_nothing(
    service, logged_in, english_translation, translator_user, behaviour, problem
):
    _translate_title_by_hand(english_translation, translator_user)
    service.behaviour = behaviour

    response = _translate_with_the_machine(logged_in, english_translation)

    assert response.status_code == 302
    assert response.url == _edit_url(english_translation)
    name = service.name
    assert [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)] == [
        ("error", f"Le service de traduction automatique {name} {problem} {NOTHING_LOST}")
    ]
    assert _strings(english_translation) == {"title": ("Planoise market", "manual", "")}
    # Back in the editor, the message is shown and the page works.
    page = logged_in.get(response.url)
    assert page.status_code == 200
    assert "a été enregistrée ; les traductions déjà saisies sont inchangées." in page.content.decode().replace(
        "&#x27;", "'"
    )


def test_a_refused_connection_is_told_to_the_editor(settings, logged_in, english_translation, translator_user):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "translation.machine_translators.LibreTranslator",
        "OPTIONS": {"LIBRETRANSLATE_URL": refused_url(), "TIMEOUT": 0.8},
    }
    _translate_title_by_hand(english_translation, translator_user)

    response = _translate_with_the_machine(logged_in, english_translation)

    assert response.status_code == 302
    assert [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)] == [
        ("error", f"Le service de traduction automatique LibreTranslate est injoignable. {NOTHING_LOST}")
    ]
    assert _strings(english_translation) == {"title": ("Planoise market", "manual", "")}


def test_an_anonymous_visitor_is_sent_to_the_login(libretranslate, client, english_translation):
    response = _translate_with_the_machine(client, english_translation)
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    assert libretranslate.received == []


def test_a_second_run_translates_only_what_is_missing(libretranslate, logged_in, english_translation, translator_user):
    _translate_title_by_hand(english_translation, translator_user)
    _translate_with_the_machine(logged_in, english_translation)
    assert _strings(english_translation)["title"] == ("Planoise market", "manual", "")
    assert "LE MARCHÉ DE Planoise" not in libretranslate.received[0]["body"]


def test_syncing_with_machine_translation_fails_cleanly(libretranslate, logged_in, english_translation, french_page):
    """« Sync translated pages » with « Use machine translation »: the service fails, the form
    comes back with the message, nothing of the sync is kept."""
    french_page.summary = "Chaque dimanche matin, place du marché."
    french_page.save_revision().publish()
    libretranslate.behaviour = 500
    url = reverse("wagtail_localize:update_translations", args=[english_translation.source.id])
    url = f"{url}?{urlencode({'next': _edit_url(english_translation)})}"

    response = logged_in.post(url, {"use_machine_translation": "on"})

    assert response.status_code == 302
    assert response.url == url
    assert [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)] == [
        (
            "error",
            f"Le service de traduction automatique LibreTranslate a répondu par une erreur (code 500). {NOTHING_LOST}",
        )
    ]
    english_translation.source.refresh_from_db()
    assert "Chaque samedi matin" in english_translation.source.content_json
    assert _strings(english_translation) == {}
    assert logged_in.get(url).status_code == 200

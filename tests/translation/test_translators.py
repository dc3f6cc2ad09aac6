"""Each service is asked in its own API's format, and the glossary's names come back in French."""

import json
from urllib.parse import parse_qs

import pytest
from wagtail.models import Locale
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.strings import StringValue

from tests.translation.conftest import DEEPL_KEY, LIBRETRANSLATE_KEY
from tests.translation.stubs import refused_url
from translation.machine_translators import DeepLTranslator, LibreTranslator, MachineTranslationError

pytestmark = pytest.mark.django_db

SEGMENT = 'Le <a id="a1">marché</a> de <b>Planoise</b> ouvre près de la Cité des Savoirs.'
SENT = 'Le <a id="a1">marché</a> de <b><x id="0"/></b> ouvre près de la <x id="1"/>.'
TRANSLATED = 'LE <a id="a1">MARCHÉ</a> DE <b>Planoise</b> OUVRE PRÈS DE LA Cité des Savoirs.'


@pytest.fixture
def locales():
    return Locale.objects.get(language_code="fr"), Locale.objects.get(language_code="de")


def _translate(locales, *texts):
    strings = [StringValue(text) for text in texts]
    translations = get_machine_translator().translate(*locales, strings)
    return {string.data: translation.data for string, translation in translations.items()}


def test_libretranslate_is_asked_in_its_format(libretranslate, locales):
    assert _translate(locales, SEGMENT, "Bonjour") == {SEGMENT: TRANSLATED, "Bonjour": "BONJOUR"}
    [request] = libretranslate.received
    assert request["path"] == "/translate"
    assert request["headers"]["Content-Type"] == "application/json"
    assert json.loads(request["body"]) == {
        "q": [SENT, "Bonjour"],
        "source": "fr",
        "target": "de",
        "format": "html",
        "api_key": LIBRETRANSLATE_KEY,
    }


def test_libretranslate_without_a_key_sends_none(libretranslate, locales, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR["OPTIONS"]["API_KEY"] = ""
    libretranslate.key = None
    assert _translate(locales, "Bonjour") == {"Bonjour": "BONJOUR"}
    assert "api_key" not in json.loads(libretranslate.received[0]["body"])


def test_deepl_is_asked_in_its_format(deepl, locales):
    assert _translate(locales, SEGMENT, "Bonjour") == {SEGMENT: TRANSLATED, "Bonjour": "BONJOUR"}
    [request] = deepl.received
    assert request["path"] == "/v2/translate"
    assert request["headers"]["Authorization"] == f"DeepL-Auth-Key {DEEPL_KEY}"
    assert request["headers"]["Content-Type"] == "application/x-www-form-urlencoded"
    assert parse_qs(request["body"]) == {
        "text": [SENT, "Bonjour"],
        "tag_handling": ["xml"],
        "source_lang": ["FR"],
        "target_lang": ["DE"],
    }


@pytest.mark.parametrize(
    ("options", "endpoint"),
    [
        ({"AUTH_KEY": "abc:fx"}, "https://api-free.deepl.com/v2/translate"),
        ({"AUTH_KEY": "abc"}, "https://api.deepl.com/v2/translate"),
        ({"AUTH_KEY": "abc:fx", "API_URL": "https://api.deepl.com/"}, "https://api.deepl.com/v2/translate"),
        ({"AUTH_KEY": "abc", "API_URL": "http://127.0.0.1:9/v2/translate"}, "http://127.0.0.1:9/v2/translate"),
    ],
)
def test_deepl_endpoint_free_pro_or_chosen(options, endpoint):
    assert DeepLTranslator(options).get_api_endpoint() == endpoint


def test_a_string_whose_names_did_not_come_back_is_left_for_a_person(service, locales):
    service.behaviour = "drop-placeholders"
    assert _translate(locales, SEGMENT, "Bonjour") == {"Bonjour": "BONJOUR"}


def test_the_timeout_is_the_configured_one(service, locales):
    """The stand-in answers after 2 s; the translator gives up after 0.8 s."""
    service.behaviour = "slow"
    with pytest.raises(MachineTranslationError) as error:
        _translate(locales, "Bonjour")
    assert str(error.value) == (
        f"Le service de traduction automatique {get_machine_translator().display_name} n'a pas répondu à temps."
    )


@pytest.mark.parametrize(
    ("behaviour", "message"),
    [
        (
            429,
            "Le service de traduction automatique {service} reçoit trop de demandes : réessayez dans quelques minutes.",
        ),
        (500, "Le service de traduction automatique {service} a répondu par une erreur (code 500)."),
        (503, "Le service de traduction automatique {service} a répondu par une erreur (code 503)."),
        (403, "Le service de traduction automatique {service} a refusé la clé d'accès du site."),
        (456, "Le quota de traduction automatique du site auprès de {service} est épuisé."),
        ("malformed", "Le service de traduction automatique {service} a envoyé une réponse illisible."),
    ],
)
def test_each_failure_of_the_service_is_explained(service, locales, behaviour, message):
    service.behaviour = behaviour
    with pytest.raises(MachineTranslationError) as error:
        _translate(locales, "Bonjour")
    assert str(error.value) == message.format(service=get_machine_translator().display_name)


@pytest.mark.parametrize(
    ("translator", "options", "service"),
    [
        (LibreTranslator, {"LIBRETRANSLATE_URL": refused_url(), "TIMEOUT": 0.8}, "LibreTranslate"),
        (DeepLTranslator, {"AUTH_KEY": "k", "API_URL": refused_url(), "TIMEOUT": 0.8}, "DeepL"),
    ],
)
def test_a_refused_connection_is_explained(translator, options, service, locales):
    with pytest.raises(MachineTranslationError) as error:
        translator(options).translate(*locales, [StringValue("Bonjour")])
    assert str(error.value) == f"Le service de traduction automatique {service} est injoignable."


def test_an_answer_with_the_wrong_number_of_translations_is_refused(libretranslate, locales, monkeypatch):
    monkeypatch.setattr(type(libretranslate), "translate", lambda stub, request: (200, {"translatedText": ["Un"]}))
    with pytest.raises(MachineTranslationError) as error:
        _translate(locales, "Un", "Deux")
    assert str(error.value) == "Le service de traduction automatique LibreTranslate a envoyé une réponse illisible."

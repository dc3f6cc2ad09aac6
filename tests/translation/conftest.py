"""A French page submitted for translation into English, and the stand-in services it is sent to."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from config.settings.translation import machine_translator
from tests.factories import StandardPageFactory
from tests.translation.stubs import DeepLStub, LibreTranslateStub

LIBRETRANSLATE_KEY = "cle-libretranslate"
DEEPL_KEY = "cle-deepl:fx"
# Long enough for an answer on a busy machine, far shorter than the stubs' slow answer.
TIMEOUT = "0.8"


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch):
    """No proxy from the environment between the tests and the stubs on 127.0.0.1."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture
def libretranslate(settings):
    """LibreTranslate's stand-in, configured as the environment would."""
    with LibreTranslateStub(key=LIBRETRANSLATE_KEY) as stub:
        settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator(
            {
                "MACHINE_TRANSLATION": "libretranslate",
                "LIBRETRANSLATE_URL": stub.url,
                "LIBRETRANSLATE_API_KEY": LIBRETRANSLATE_KEY,
                "MACHINE_TRANSLATION_TIMEOUT": TIMEOUT,
            }
        )
        yield stub


@pytest.fixture
def deepl(settings):
    """DeepL's stand-in, configured as the environment would (``DEEPL_API_URL`` pointing at it)."""
    with DeepLStub(key=DEEPL_KEY) as stub:
        settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator(
            {
                "MACHINE_TRANSLATION": "deepl",
                "DEEPL_AUTH_KEY": DEEPL_KEY,
                "DEEPL_API_URL": stub.url,
                "MACHINE_TRANSLATION_TIMEOUT": TIMEOUT,
            }
        )
        yield stub


@pytest.fixture(params=["libretranslate", "deepl"])
def service(request):
    """Each service's stand-in in turn."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def translator_user(db):
    return get_user_model().objects.create_superuser("traductrice", "traductrice@example.org", "x")


@pytest.fixture
def locale_en(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def french_page(db):
    return StandardPageFactory(
        title="Le marché de Planoise",
        slug="marche-de-planoise",
        summary="Chaque samedi matin, place du marché.",
        body=[
            (
                "paragraph",
                '<p>Le <a href="https://example.org/marche">marché</a> de <b>Planoise</b> ouvre près de la '
                "Cité des Savoirs.</p>",
            )
        ],
    )


@pytest.fixture
def english_translation(french_page, translator_user, locale_en):
    """The French page submitted for translation into English, as « Traduire » in the admin does:
    an English page exists, its strings are not translated yet."""
    TranslationCreator(translator_user, [locale_en]).create_translations(french_page)
    return Translation.objects.get(source__object_id=french_page.translation_key, target_locale=locale_en)

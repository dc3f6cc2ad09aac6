"""Machine translation is configured by the environment, and off when it says nothing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings.translation import machine_translator

BASE_DIR = Path(__file__).resolve().parents[2]
VARIABLES = (
    "MACHINE_TRANSLATION",
    "MACHINE_TRANSLATION_TIMEOUT",
    "LIBRETRANSLATE_URL",
    "LIBRETRANSLATE_API_KEY",
    "DEEPL_AUTH_KEY",
    "DEEPL_API_URL",
)


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"MACHINE_TRANSLATION": ""},
        # A key alone chooses nothing.
        {"DEEPL_AUTH_KEY": "abc:fx"},
        {"LIBRETRANSLATE_URL": "http://127.0.0.1:5000"},
    ],
)
def test_no_service_without_machine_translation(env):
    assert machine_translator(env) is None


def test_libretranslate():
    env = {
        "MACHINE_TRANSLATION": "libretranslate",
        "LIBRETRANSLATE_URL": "http://traduction.internal:5000",
        "LIBRETRANSLATE_API_KEY": "secret",
        "MACHINE_TRANSLATION_TIMEOUT": "4",
    }
    assert machine_translator(env) == {
        "CLASS": "translation.machine_translators.LibreTranslator",
        "OPTIONS": {"LIBRETRANSLATE_URL": "http://traduction.internal:5000", "API_KEY": "secret", "TIMEOUT": 4.0},
    }


def test_deepl_with_the_default_timeout():
    env = {"MACHINE_TRANSLATION": "DeepL", "DEEPL_AUTH_KEY": "abc:fx"}
    assert machine_translator(env) == {
        "CLASS": "translation.machine_translators.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": "abc:fx", "API_URL": "", "TIMEOUT": 10.0},
    }


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"MACHINE_TRANSLATION": "google"}, "MACHINE_TRANSLATION must be one of libretranslate, deepl, not 'google'"),
        ({"MACHINE_TRANSLATION": "libretranslate"}, "MACHINE_TRANSLATION=libretranslate needs LIBRETRANSLATE_URL"),
        ({"MACHINE_TRANSLATION": "deepl", "DEEPL_AUTH_KEY": " "}, "MACHINE_TRANSLATION=deepl needs DEEPL_AUTH_KEY"),
        (
            {"MACHINE_TRANSLATION": "deepl", "DEEPL_AUTH_KEY": "k", "MACHINE_TRANSLATION_TIMEOUT": "dix"},
            "MACHINE_TRANSLATION_TIMEOUT must be a number of seconds",
        ),
        (
            {"MACHINE_TRANSLATION": "deepl", "DEEPL_AUTH_KEY": "k", "MACHINE_TRANSLATION_TIMEOUT": "0"},
            "MACHINE_TRANSLATION_TIMEOUT must be a number of seconds",
        ),
    ],
)
def test_a_configuration_that_cannot_work_stops_the_start(env, message):
    with pytest.raises(ImproperlyConfigured) as error:
        machine_translator(env)
    assert str(error.value) == message


def _setting_in_a_fresh_process(**variables):
    env = {name: value for name, value in os.environ.items() if name not in VARIABLES}
    env.update(variables, DJANGO_SETTINGS_MODULE="config.settings.test")
    code = "from django.conf import settings; print(getattr(settings, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', None))"
    result = subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_settings_read_the_environment():
    assert _setting_in_a_fresh_process() == "None"
    assert _setting_in_a_fresh_process(MACHINE_TRANSLATION="deepl", DEEPL_AUTH_KEY="abc") == (
        "{'CLASS': 'translation.machine_translators.DeepLTranslator', "
        "'OPTIONS': {'AUTH_KEY': 'abc', 'API_URL': '', 'TIMEOUT': 10.0}}"
    )

"""Which machine translation service, from the environment: settings-safe (imports no app code).

``MACHINE_TRANSLATION=libretranslate`` (with ``LIBRETRANSLATE_URL``, and
``LIBRETRANSLATE_API_KEY`` when the server wants one) or ``MACHINE_TRANSLATION=deepl`` (with
``DEEPL_AUTH_KEY``, and ``DEEPL_API_URL`` to choose the endpoint); ``MACHINE_TRANSLATION_TIMEOUT``
in seconds. Unset, there is no machine translation: wagtail-localize then shows no « Translate
with… » button. See docs/translation.md, « Machine translation ».
"""

from django.core.exceptions import ImproperlyConfigured

TRANSLATORS = {
    "libretranslate": "translation.machine_translators.LibreTranslator",
    "deepl": "translation.machine_translators.DeepLTranslator",
}
DEFAULT_TIMEOUT = "10"


def _required(env, name, service):
    value = env.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"MACHINE_TRANSLATION={service} needs {name}")
    return value


def machine_translator(env):
    """``WAGTAILLOCALIZE_MACHINE_TRANSLATOR`` for the environment ``env`` (a mapping such as
    ``os.environ``), or None when no service is configured.

    A misspelt service or a missing URL or key stops the start: an editor would otherwise find
    out on the first click.
    """
    service = env.get("MACHINE_TRANSLATION", "").strip().lower()
    if not service:
        return None
    if service not in TRANSLATORS:
        raise ImproperlyConfigured(f"MACHINE_TRANSLATION must be one of {', '.join(TRANSLATORS)}, not {service!r}")
    try:
        timeout = float(env.get("MACHINE_TRANSLATION_TIMEOUT") or DEFAULT_TIMEOUT)
    except ValueError:
        raise ImproperlyConfigured("MACHINE_TRANSLATION_TIMEOUT must be a number of seconds") from None
    if timeout <= 0:
        raise ImproperlyConfigured("MACHINE_TRANSLATION_TIMEOUT must be a number of seconds")
    if service == "libretranslate":
        options = {
            "LIBRETRANSLATE_URL": _required(env, "LIBRETRANSLATE_URL", service),
            "API_KEY": env.get("LIBRETRANSLATE_API_KEY", "").strip(),
        }
    else:
        options = {
            "AUTH_KEY": _required(env, "DEEPL_AUTH_KEY", service),
            "API_URL": env.get("DEEPL_API_URL", "").strip(),
        }
    return {"CLASS": TRANSLATORS[service], "OPTIONS": {**options, "TIMEOUT": timeout}}

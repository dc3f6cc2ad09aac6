"""The machine translators of wagtail-localize's editor, with the site's glossary applied.

``WAGTAILLOCALIZE_MACHINE_TRANSLATOR`` names one of these classes when the environment configures
a service (``config/settings/translation.py``). They send what wagtail-localize's own LibreTranslate
and DeepL translators send, with two differences: glossary terms travel as placeholders
(:mod:`translation.glossary`), and anything that goes wrong with the service (no answer in time,
refused connection, an HTTP error, an answer that cannot be read) raises
:class:`MachineTranslationError`, whose message is meant for the editor. wagtail-localize's view
does not catch it: :mod:`translation.workarounds` does.
"""

import requests
from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators import deepl, libretranslate
from wagtail_localize.strings import StringValue

from .glossary import site_glossary

DEFAULT_TIMEOUT = 10


class MachineTranslationError(Exception):
    """The service gave no usable answer; ``str(error)`` says so to the editor, in French."""


def _http_error_message(service, status):
    if status in (401, 403):
        return _("Le service de traduction automatique %(service)s a refusé la clé d'accès du site.") % {
            "service": service
        }
    if status == 429:
        return _(
            "Le service de traduction automatique %(service)s reçoit trop de demandes : "
            "réessayez dans quelques minutes."
        ) % {"service": service}
    if status == 456:
        return _("Le quota de traduction automatique du site auprès de %(service)s est épuisé.") % {"service": service}
    return _("Le service de traduction automatique %(service)s a répondu par une erreur (code %(status)s).") % {
        "service": service,
        "status": status,
    }


class GlossaryTranslatorMixin:
    """``translate()`` with the glossary kept and the service's failures explained."""

    def get_timeout(self):
        return float(self.options.get("TIMEOUT", DEFAULT_TIMEOUT))

    def request_translations(self, source_locale, target_locale, texts):
        """The service's translations of ``texts``, in order (may raise requests' errors)."""
        raise NotImplementedError

    def translate(self, source_locale, target_locale, strings):
        glossary = site_glossary()
        strings = list(strings)
        protected = [glossary.protect(string.data) for string in strings]
        service = self.display_name
        try:
            translated = self.request_translations(source_locale, target_locale, [item.text for item in protected])
            if not isinstance(translated, list) or len(translated) != len(strings):
                raise ValueError("not one translation per string")
            if not all(isinstance(text, str) for text in translated):
                raise ValueError("a translation is not a string")
        except requests.Timeout as error:
            raise MachineTranslationError(
                _("Le service de traduction automatique %(service)s n'a pas répondu à temps.") % {"service": service}
            ) from error
        except requests.ConnectionError as error:
            raise MachineTranslationError(
                _("Le service de traduction automatique %(service)s est injoignable.") % {"service": service}
            ) from error
        except requests.HTTPError as error:
            raise MachineTranslationError(_http_error_message(service, error.response.status_code)) from error
        except (requests.RequestException, ValueError, KeyError, TypeError) as error:
            # ValueError covers a body that is not JSON (requests' JSONDecodeError).
            raise MachineTranslationError(
                _("Le service de traduction automatique %(service)s a envoyé une réponse illisible.")
                % {"service": service}
            ) from error

        results = {}
        for string, item, text in zip(strings, protected, translated, strict=True):
            restored = glossary.restore(text, item)
            # A string left out stays untranslated: wagtail-localize saves nothing for it.
            if restored is not None:
                results[string] = StringValue(restored)
        return results


class LibreTranslator(GlossaryTranslatorMixin, libretranslate.LibreTranslator):
    """LibreTranslate (``POST /translate``), self-hosted or libretranslate.com."""

    def request_translations(self, source_locale, target_locale, texts):
        payload = {
            "q": texts,
            "source": self.language_code(source_locale.language_code),
            "target": self.language_code(target_locale.language_code),
            "format": "html",
        }
        # A self-hosted server may need no key; libretranslate.com always does.
        if self.options.get("API_KEY"):
            payload["api_key"] = self.options["API_KEY"]
        response = requests.post(
            self.get_api_endpoint().rstrip("/") + "/translate", json=payload, timeout=self.get_timeout()
        )
        response.raise_for_status()
        return response.json()["translatedText"]


class DeepLTranslator(GlossaryTranslatorMixin, deepl.DeepLTranslator):
    """DeepL's API (``POST /v2/translate``), on the free or the pro endpoint."""

    def get_api_endpoint(self):
        # API_URL: a DeepL-compatible server, or the endpoint forced; else wagtail-localize picks
        # the free one for keys ending in « :fx », the pro one otherwise.
        if base := self.options.get("API_URL", "").rstrip("/"):
            return base if base.endswith("/v2/translate") else f"{base}/v2/translate"
        return super().get_api_endpoint()

    def request_translations(self, source_locale, target_locale, texts):
        parameters = self.get_parameters(source_locale, target_locale, [StringValue(text) for text in texts])
        response = requests.post(
            self.get_api_endpoint(), data=parameters, headers=self.get_headers(), timeout=self.get_timeout()
        )
        response.raise_for_status()
        return [translation["text"] for translation in response.json()["translations"]]

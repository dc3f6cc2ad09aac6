"""Wagtail's page addresses without a URL reversal per link.

Wagtail's ``Page.get_url_parts`` calls Django's ``reverse("wagtail_serve", …)`` for every link
it writes: 0.8 ms a call on this machine (the resolver's candidates and a regular expression
checked each time), so that ten search results, a menu or a listing of sixty proposals spend
more on their links than on their queries. The address is always the serve view's prefix (the
script prefix and the language's ``i18n_patterns`` prefix: ``/fr/``) followed by the page's path,
quoted as Django quotes it: the prefix is reversed once per language, script prefix and URLconf,
and a path that Wagtail's serve pattern would not accept goes to Django's ``reverse`` as before
(which then refuses it as before). Installed on ``wagtail.models.pages`` by ``home.apps``.
"""

import re
from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS

# wagtail.urls' serve pattern (with WAGTAIL_APPEND_SLASH, the default): path segments, each
# ending in a slash.
_SERVE_PATH = re.compile(r"(?:[\w\-]+/)*")
_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what Django's reverse leaves unquoted
_prefixes = {}


def reverse(viewname, urlconf=None, args=None, kwargs=None, current_app=None, **options):
    """Django's ``reverse``, the prefix of ``wagtail_serve`` remembered."""
    if (
        viewname == "wagtail_serve"
        and urlconf is None
        and not kwargs
        and not options
        and args is not None
        and len(args) == 1
        and isinstance(args[0], str)
        and _SERVE_PATH.fullmatch(args[0])
    ):
        key = (translation.get_language(), get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)
        prefix = _prefixes.get(key)
        if prefix is None:
            prefix = _prefixes[key] = django_reverse("wagtail_serve", args=("",), current_app=current_app)
        return prefix + quote(args[0], safe=_SAFE)
    return django_reverse(viewname, urlconf, args, kwargs, current_app, **options)


def install():
    from wagtail.models import pages

    pages.reverse = reverse

"""The site's public address, from ``WAGTAILADMIN_BASE_URL``, written into Wagtail's ``Site``.

Canonical URLs, citations, permalinks, feeds and the sitemap are built from the default
``Site``'s hostname and port (``Page.get_full_url``). On a developer's machine that is
``127.0.0.1:8000``; in production the environment names the public address, and
``manage.py set_site_address`` (run by each deployment) or the demo loader copies it into the
``Site``, so no public page points at a loopback address. ``manage.py check --deploy`` warns
when the two disagree.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

#: Host names that only make sense on the machine itself (or in Django's test client).
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "testserver", "0.0.0.0"}


def configured_address():
    """``(hostname, port)`` of ``WAGTAILADMIN_BASE_URL`` (the port 80 or 443 when it has none)."""
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)


def is_public(hostname):
    return bool(hostname) and hostname not in LOCAL_HOSTS


def apply_to(site):
    """Give ``site`` the configured address if that is a public one; True if it changed."""
    hostname, port = configured_address()
    if not is_public(hostname) or (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    return True


@checks.register(checks.Tags.urls, deploy=True)
def check_site_address(app_configs=None, **kwargs):
    """Deployment check: the default ``Site`` has the public address of ``WAGTAILADMIN_BASE_URL``."""
    from wagtail.models import Site

    try:
        site = Site.objects.filter(is_default_site=True).first()
    except Exception:  # no database yet (before the first migrate)
        return []
    hostname, port = configured_address()
    if site is None or not is_public(hostname) or (site.hostname, site.port) == (hostname, port):
        return []
    return [
        checks.Warning(
            f"The default Wagtail Site is {site.hostname}:{site.port}, but WAGTAILADMIN_BASE_URL "
            f"is {settings.WAGTAILADMIN_BASE_URL}: canonical URLs, feeds and the sitemap would "
            "point at the wrong host.",
            hint="Run `manage.py set_site_address`.",
            id="home.W001",
        )
    ]

"""Production: every secret and address comes from the environment.

App servers are stateless (gunicorn behind a proxy): sessions and cache in Redis, media on an
S3-compatible bucket, static files served by WhiteNoise from the collected, hashed files.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403


def env(name, default=None, *, required=False):
    value = os.environ.get(name, default)
    if required and not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = False

# Static files served by the app servers themselves, compressed and with hashed names.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "whitenoise.middleware.WhiteNoiseMiddleware")

SECRET_KEY = env("SECRET_KEY", required=True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

if env("DATABASE_URL"):
    # A connection checked before reuse: after a database restart a worker reconnects on its
    # next request instead of failing it.
    # A server that accepts the connection and never answers (a hung host, a full proxy) must not
    # hold a worker until gunicorn kills it: connecting gives up after DATABASE_CONNECT_TIMEOUT
    # seconds (libpq's connect_timeout) and the visitor gets the 503 page.
    DATABASES = {
        "default": dj_database_url.parse(env("DATABASE_URL"), conn_max_age=600, conn_health_checks=True)
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(env("DATABASE_CONNECT_TIMEOUT", "3"))

# Errors are mailed to ADMINS (« Name <address>, other@address ») with Django's mail_admins, and
# every log line goes to stdout as key=value pairs; the 500 page says the team is notified only
# when someone is.
ADMINS = [
    (address.split("<")[0].strip() or address.strip("<> "), address.split("<")[-1].strip("<> "))
    for address in env_list("ADMINS", "")
]
SERVER_EMAIL = env("SERVER_EMAIL", env("DEFAULT_FROM_EMAIL", "webmaster@localhost"))

# Search: WAGTAILSEARCH_BACKENDS comes from base.py (config/settings/search.py).

if env("CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("CACHE_URL"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"

# E-mail (answers of the question form, moderation notifications).
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", "false").lower() == "true"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Media on an S3-compatible bucket when one is configured, so app servers keep no state.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL")
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME")
    AWS_QUERYSTRING_AUTH = False
    AWS_DEFAULT_ACL = None

# The whole-page cache for anonymous visitors (home.cache); PAGE_CACHE_TIMEOUT=0 turns it off
# (benchmarks/load.py measures both). STATIC_ROOT may be moved (a benchmark's temporary copy).
PAGE_CACHE_TIMEOUT = int(env("PAGE_CACHE_TIMEOUT", str(PAGE_CACHE_TIMEOUT)))  # noqa: F405
STATIC_ROOT = env("STATIC_ROOT", str(STATIC_ROOT))  # noqa: F405

WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "https://nous-sommes-tous-besancon.fr")

# A front-end cache (e.g. Varnish or a CDN) purged by Wagtail on publish, when configured, beside
# our own page cache (base.py).
if env("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        **WAGTAILFRONTENDCACHE,  # noqa: F405
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env("FRONTEND_CACHE_URL"),
        },
    }

# nginx (deploy/nginx.conf) appends the client's address to X-Forwarded-For: the throttles read it.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "1"))

# HTTPS behind a proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "structured": {
            "format": 'time=%(asctime)s level=%(levelname)s logger=%(name)s message="%(message)s"',
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "structured"},
        "mail_admins": {"class": "django.utils.log.AdminEmailHandler", "level": "ERROR"},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console", "mail_admins"], "level": "ERROR", "propagate": False},
        # axes announces its version at every start; its failed logins and lock-outs stay logged.
        "axes.apps": {"level": "WARNING"},
    },
}

"""Settings shared by every environment.

Development and tests need no environment variable: SQLite and Wagtail's database search
backend. Production (``production.py``) reads everything from the environment.
"""

import os
from datetime import timedelta
from pathlib import Path

from .search import engine_backends
from .translation import machine_translator

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    # Project apps: one per section of the site; ``home`` holds what the whole site shares.
    "home",
    "maps",
    "news",
    "demo",
    "quartiers",
    "culture",
    "programme",
    "search",
    "translation",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # ETag answered with 304 Not Modified (pages, feeds, exports).
    "django.middleware.http.ConditionalGetMiddleware",
    # A page from the cache is answered here, with the headers the middleware below added when
    # it was stored (language, CSP, framing): they are not run again for it (home.cache).
    "home.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.middleware.LanguagePrefixMiddleware",  # Django's LocaleMiddleware; API 404s stay 404s
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "home.middleware.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a login refused by axes into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
    }
}
if os.environ.get("DATABASE_URL"):
    import dj_database_url

    DATABASES["default"] = dj_database_url.parse(
        os.environ["DATABASE_URL"], conn_max_age=600, conn_health_checks=True
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: French is the source language; English and German are translations
# managed with wagtail-localize. Page URLs live under /fr/, /en/ and /de/.
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", "Français"),
    ("en", "English"),
    ("de", "Deutsch"),
]
WAGTAIL_I18N_ENABLED = True
# Slugs typed in the admin lose their accents (« programmée » → « programmee »), like the demo slugs.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No Gravatar: the admin's avatars would come from another host (blocked, so broken); Wagtail's
# own default avatar is shown instead, until a user uploads one.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# locale/: the project's own strings in English and German (check_translation_catalogues).
# locale_overrides/: French for the admin strings Wagtail's and wagtail-localize's catalogues
# leave in English or word badly (« More actions », « Publier dansEnglish »), read first.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "collected-static"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# What one request may carry. The Wagtail editor posts a long page (many StreamField blocks and
# inline panels) as thousands of fields, hence 10,000 rather than Django's 1,000; a public form
# refuses more fields than it has (``home.forms.PublicFormMixin``). Django's 2.5 MB is kept on
# purpose for the body without its files (images and documents have their own limits below):
# beyond either limit the request answers 400 with the page of ``home.views.bad_request``.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)

# Wagtail
WAGTAIL_SITE_NAME = "Nous sommes tous Besançon"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "home.SiteImage"
WAGTAILDOCS_EXTENSIONS = ["csv", "json", "odt", "ods", "pdf", "txt", "xlsx", "docx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
# A translation started with « Traduire » is a draft, even when its source is live: it is
# published by « Validation » through the « Relecture » workflow (home/editorial.py), never by
# the translator (wagtail-localize's default publishes it at once).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Search: the database backend, or Elasticsearch / OpenSearch when ELASTICSEARCH_URL /
# OPENSEARCH_URL is set, in every environment (docs/search.md).
WAGTAILSEARCH_BACKENDS = engine_backends(os.environ)

# Machine translation in wagtail-localize's editor: LibreTranslate or DeepL when
# MACHINE_TRANSLATION names one, none otherwise (docs/translation.md, « Machine translation »).
if _machine_translator := machine_translator(os.environ):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = _machine_translator

# What visitors search for (search.promotions): counted per day, kept 30 days (the admin's
# « Recherches des visiteurs » report shows the last 30 days).
WAGTAILSEARCH_HITS_MAX_AGE = 30

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

# Content Security Policy sent on every public page (home.middleware). The Wagtail admin keeps
# its own scripts and is exempt.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
CONTENT_SECURITY_POLICY_EXEMPT_PREFIXES = ("/admin/", "/django-admin/")
# A preview (Wagtail renders it through the middleware as a request to the page's public URL)
# is shown in the admin's side panel, a frame of the admin's own origin: only that may frame it.
CONTENT_SECURITY_POLICY_PREVIEW = CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", "frame-ancestors 'self'")

# Login throttling (django-axes), for the Wagtail admin's and the Django admin's login: 5 wrong
# passwords for one username from one address lock that pair out for 15 minutes (each new try
# during the lock-out starts the 15 minutes again). An administrator unlocks at once with
# `manage.py axes_reset_username <name>` or in the Django admin (docs/deployment.md).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "home.views.login_locked_out"
AXES_CLIENT_IP_CALLABLE = "home.throttling.client_ip"

# How many proxies in front of the app servers append to X-Forwarded-For (nginx: 1 in
# production); 0 reads the address of the connection itself.
TRUSTED_PROXY_COUNT = 0

# Rate limits per client address, as (requests, seconds), counted in the default cache (Redis in
# production, so every app server shares the counts): the public forms' posts and the page
# passwords' wrong answers (home.throttling).
THROTTLE_RATES = {
    "public_form": (5, 10 * 60),
    "page_password": (5, 15 * 60),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Anonymous pages kept whole in the default cache until the next publish (home.cache): seconds
# an entry may live at most (0 turns the page cache off), what is never cached, and how long a
# proxy in front (Varnish, a CDN; purged by wagtail.contrib.frontend_cache) may keep a page.
PAGE_CACHE_TIMEOUT = 60 * 60
PAGE_CACHE_EXEMPT_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/_util/")
PAGE_CACHE_EXEMPT_URL_NAMES = ("search",)  # the search page and API count each query
PAGE_CACHE_PROXY_SECONDS = 10 * 60
# A page or export larger than this is answered every time, never kept in the page cache.
PAGE_CACHE_MAX_BYTES = 2 * 1024 * 1024
# Our own page cache is purged through Wagtail's front-end cache app; production adds its proxy.
WAGTAILFRONTENDCACHE = {
    "local": {"BACKEND": "home.cache.PageCacheBackend"},
}

# Listings that grow with the content (home.pagination): items per page, and the most a
# « tout afficher » shows at once (beyond it, pages only).
LISTING_PAGE_SIZE = 24
LISTING_SHOW_ALL_MAX = 200
# Items of a feed: the most recent ones.
FEED_MAX_ITEMS = 50

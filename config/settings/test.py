"""Test suite: SQLite in memory (PostgreSQL when DATABASE_URL is set), fast hashing."""

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# No whole-page cache by default: a test changing content with a queryset's update() (no signal)
# would read the page of before. The page-cache tests turn it on (tests/home/test_cache.py).
PAGE_CACHE_TIMEOUT = 0

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "nous-sommes-tous-besancon.fr",
    "DATABASE_URL": "sqlite:///" + str(BASE_DIR / "unused-production-check.sqlite3"),
}


def _manage(*args, env):
    clean_env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_passes_django_deployment_checks():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def _production_value(expression, **env):
    code = (
        "import django, importlib; django.setup(); from django.conf import settings; "
        f"print({expression})"
    )
    clean_env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**clean_env, **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_search_backend_follows_the_environment():
    backend = "settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND']"
    # The dotted path imports: a module, or a module and its class.
    importable = f"(importlib.import_module({backend}) if {backend}.islower() else importlib.import_module({backend}.rsplit('.', 1)[0])) and {backend}"
    assert _production_value(importable) == "search.backend"
    assert (
        _production_value(importable, ELASTICSEARCH_URL="http://127.0.0.1:9200")
        == "search.engine.Elasticsearch9Backend"
    )
    assert (
        _production_value(importable, OPENSEARCH_URL="http://127.0.0.1:9200")
        == "search.engine.OpenSearch3Backend"
    )
    assert _production_value("settings.CACHES['default']['BACKEND']", CACHE_URL="redis://127.0.0.1:6379/1") == (
        "django.core.cache.backends.redis.RedisCache"
    )


def test_production_mails_errors_to_the_admins_of_the_environment():
    admins = _production_value("settings.ADMINS", ADMINS="Équipe web <web@example.org>, alerte@example.org")
    assert admins == "[('Équipe web', 'web@example.org'), ('alerte@example.org', 'alerte@example.org')]"
    handlers = _production_value("settings.LOGGING['loggers']['django.request']['handlers']")
    assert handlers == "['console', 'mail_admins']"
    assert _production_value("settings.DATABASES['default']['CONN_HEALTH_CHECKS']", DATABASE_URL="postgres://u@h/db") == "True"

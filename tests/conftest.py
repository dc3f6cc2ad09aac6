"""Shared fixtures.

Every test sees the whole demo site; each test runs in a transaction rolled back at its end.

On SQLite (the default) the migrated database with the demo content is built once and kept in
``.pytest_cache/demo-db/``, under a key hashed from everything that shapes it (migrations, demo
data and loaders, models, settings, requirements.txt: ``_CACHE_INPUTS``). Each run copies it into
an in-memory database for the tests, and into a temporary file for the browser tests' server:
the cached file itself is never written to. When an input changes, the next run builds a new
one (about as long as a run used to take). ``pytest --create-db`` rebuilds it anyway; deleting
the folder is safe.

On PostgreSQL (``DATABASE_URL`` set) the same is done with a database on the server,
``nstb_demo_<key>``, built once and cloned (``CREATE DATABASE … TEMPLATE``) into each process's
test database.
"""

import contextlib
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no lock, parallel builds then both happen (still correct)
    fcntl = None

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Site

from demo.loader import load_all

BASE_DIR = Path(__file__).resolve().parents[1]
CACHE_DIR = BASE_DIR / ".pytest_cache" / "demo-db"
# Bump to rebuild every cached database after a change to how it is built.
CACHE_FORMAT = "1"
# What the demo database depends on (globs from the repository root). Models, blocks and
# settings are included because saving a page also writes its search index entries.
_CACHE_INPUTS = [
    "requirements.txt",
    "config/settings/base.py",
    "config/settings/test.py",
    "*/migrations/*.py",
    "*/demo_data/**/*",
    "**/*demo_content*.py",
    "demo/**/*",
    "translation/**/*",
    "*/models.py",
    "*/models/*.py",
    "*/blocks.py",
    "*/editorial.py",
]
_IGNORED_DIRS = {".venv", ".git", ".pytest_cache", "node_modules", "__pycache__", "tests", "benchmarks"}


def _load_demo():
    """Load the whole demo content into the current database."""
    load_all()


def _uses_sqlite():
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"


def demo_db_key():
    """A hash of every file the demo database is built from (their paths and contents)."""
    digest = hashlib.sha256(f"format {CACHE_FORMAT}\n".encode())
    files = set()
    for pattern in _CACHE_INPUTS:
        for path in BASE_DIR.glob(pattern):
            relative = path.relative_to(BASE_DIR)
            if path.is_file() and not _IGNORED_DIRS.intersection(relative.parts) and path.suffix != ".pyc":
                files.add(relative)
    for relative in sorted(files):
        digest.update(f"{relative.as_posix()}\n".encode())
        digest.update(hashlib.sha256((BASE_DIR / relative).read_bytes()).digest())
    return digest.hexdigest()[:16]


def _run_build_step(command, env):
    try:
        subprocess.run(command, cwd=BASE_DIR, env=env, check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as error:
        sys.stderr.write(f"\n$ {' '.join(command)}\n{error.stdout}{error.stderr}\n")
        raise


def _build_demo_db(target):
    """Migrate a new SQLite file and load the demo content into it, in a child process.

    A child process (the test settings, with SQLite whatever DATABASE_URL says) keeps this
    process's caches as they are on a run that reuses the file.
    """
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", SQLITE_PATH=str(target))
    _migrate_and_load(env, "--run-syncdb")


def _migrate_and_load(env, *migrate_options):
    """Migrate the database ``env`` names and load the demo content into it, in child processes."""
    _run_build_step([sys.executable, "manage.py", "migrate", "--noinput", *migrate_options, "-v0"], env)
    load = "import django; django.setup(); from tests.conftest import _load_demo; _load_demo()"
    _run_build_step([sys.executable, "-c", load], env)


@contextlib.contextmanager
def _build_lock():
    """One process builds at a time (pytest-xdist workers, runs side by side); the others wait."""
    with open(CACHE_DIR / "build.lock", "w") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def cached_demo_db():
    """Path of the cached demo database for the current inputs, built first if missing.

    Never open it for writing: copy it.
    """
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    cached = CACHE_DIR / f"demo-{demo_db_key()}.sqlite3"
    if cached.exists():
        return cached
    with _build_lock():
        if not cached.exists():
            # Built aside, then renamed: a run stopped half-way leaves no half-built file.
            handle, building = tempfile.mkstemp(dir=CACHE_DIR, prefix="building-", suffix=".sqlite3")
            os.close(handle)
            os.unlink(building)
            try:
                _build_demo_db(building)
                os.replace(building, cached)
            finally:
                if os.path.exists(building):
                    os.unlink(building)
            for old in CACHE_DIR.glob("demo-*.sqlite3"):
                if old != cached:
                    old.unlink(missing_ok=True)
    return cached


def pytest_configure(config):
    """``--create-db`` rebuilds the cached demo database (once, not in each xdist worker)."""
    if config.getoption("create_db", False) and not hasattr(config, "workerinput"):
        for cached in CACHE_DIR.glob("demo-*.sqlite3"):
            cached.unlink()
        if os.environ.get("DATABASE_URL"):
            for (old,) in _postgres_admin("SELECT datname FROM pg_database WHERE datname LIKE 'nstb_demo_%'"):
                _postgres_admin(f'DROP DATABASE IF EXISTS "{old}"')


@pytest.fixture(scope="session")
def demo_db_file():
    """The cached demo database (SQLite, even on a PostgreSQL run: the browser tests use it)."""
    return cached_demo_db()


def _postgres_admin(statement):
    """Run one statement on the server's ``postgres`` database (outside any transaction:
    CREATE and DROP DATABASE refuse one)."""
    import psycopg

    db = settings.DATABASES["default"]
    with psycopg.connect(
        dbname="postgres", user=db.get("USER") or None, password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None, port=db.get("PORT") or None, autocommit=True,
    ) as connection:
        cursor = connection.execute(statement)
        return cursor.fetchall() if cursor.description else None


def _postgres_demo_template():
    """Name of a PostgreSQL database holding the migrated demo content, built first if missing.

    Built once (per demo key, kept on the server like the SQLite file) by one process in a
    child process, then cloned by each xdist worker: a clone takes a second, a load a minute.
    """
    from urllib.parse import urlsplit, urlunsplit

    template = f"nstb_demo_{demo_db_key()}"
    exists = lambda name: _postgres_admin(f"SELECT 1 FROM pg_database WHERE datname = '{name}'")  # noqa: E731
    if exists(template):
        return template
    with _build_lock():
        if not exists(template):
            building = f"nstb_demo_building_{os.getpid()}"
            _postgres_admin(f'DROP DATABASE IF EXISTS "{building}"')
            _postgres_admin(f'CREATE DATABASE "{building}"')
            url = urlsplit(os.environ["DATABASE_URL"])
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test",
                   "DATABASE_URL": urlunsplit(url._replace(path=f"/{building}"))}
            try:
                _migrate_and_load(env)
                _postgres_admin(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
            finally:
                _postgres_admin(f'DROP DATABASE IF EXISTS "{building}"')
            # Older templates go; another checkout's build in progress (``building``) stays.
            for (old,) in _postgres_admin(
                "SELECT datname FROM pg_database WHERE datname LIKE 'nstb_demo_%' AND datname NOT LIKE 'nstb_demo_building_%'"
            ):
                if old != template:
                    _postgres_admin(f'DROP DATABASE IF EXISTS "{old}"')
    return template


if os.environ.get("DATABASE_URL"):

    @pytest.fixture(scope="session")
    def django_db_setup(django_test_environment, django_db_blocker, django_db_modify_db_settings):
        """The test database: a clone of the demo template (each xdist worker its own)."""
        from django.db import connections

        connection = connections["default"]
        test_name = connection.settings_dict["TEST"].get("NAME") or f"test_{connection.settings_dict['NAME']}"
        with django_db_blocker.unblock():
            template = _postgres_demo_template()
            connection.close()
            with _build_lock():  # a template is cloned by one process at a time
                _postgres_admin(f'DROP DATABASE IF EXISTS "{test_name}"')
                _postgres_admin(f'CREATE DATABASE "{test_name}" TEMPLATE "{template}"')
            for settings_dict in (settings.DATABASES["default"], connection.settings_dict):
                settings_dict["NAME"] = test_name
        yield
        with django_db_blocker.unblock():
            connection.close()
            _postgres_admin(f'DROP DATABASE IF EXISTS "{test_name}" WITH (FORCE)')

else:

    @pytest.fixture(scope="session")
    def django_db_setup(django_test_environment, django_db_blocker, demo_db_file):
        """The test database: the cached demo database copied into memory, nothing to create.

        In memory, as Django's own SQLite test databases are (faster than a file copy); the
        cached file is only opened read-only, so no test, transactional or not, can change it.
        """
        import sqlite3

        from django.db import connections

        assert _uses_sqlite(), "DATABASE_URL unset but the default database is not SQLite"
        name = "file:memorydb_default?mode=memory&cache=shared"
        connection = connections["default"]
        with django_db_blocker.unblock():
            connection.close()
            settings.DATABASES["default"]["NAME"] = name
            settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = name
            connection.settings_dict["NAME"] = name
            # Django never closes an in-memory database's connection: it lives for the session.
            connection.ensure_connection()
            source = sqlite3.connect(f"file:{demo_db_file}?mode=ro", uri=True)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        yield


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(site):
    return site.root_page.specific


@pytest.fixture
def locale_fr(db):
    return Locale.objects.get(language_code="fr")


@pytest.fixture(autouse=True)
def _reset_language():
    """A request to /en/ leaves English active in the thread: start each test in French."""
    yield
    translation.activate("fr")


@pytest.fixture(autouse=True)
def _fresh_search_catalogue():
    """Each test rolls its pages back without a signal: start each with no search catalogue."""
    from search import catalogue

    catalogue.forget()
    yield
    catalogue.forget()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The rate limits count in the cache (home.throttling): start each test with none counted."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()

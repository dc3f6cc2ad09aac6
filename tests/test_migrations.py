"""The migrations upgrade a database made before the apps were split, without losing anything.

``tests/upgrade_check.py`` migrates a throw-away database to the old schema, writes content as
the old code stored it, migrates to the current schema and checks each object; it runs in its
own process and database: SQLite here, PostgreSQL when the suite runs on it (``DATABASE_URL``).
About 20 s of migrations: ``make upgrade-check`` runs it (``.ci/run`` does, on both databases).
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import dj_database_url
import pytest

BASE_DIR = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.upgrade
CHECKS = 9


def _run(env):
    return subprocess.run(
        [sys.executable, str(BASE_DIR / "tests" / "upgrade_check.py")],
        cwd=BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def upgrade_database(tmp_path):
    """Environment variables pointing the check at an empty database of the suite's engine."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield {"SQLITE_PATH": str(tmp_path / "upgrade.sqlite3")}
        return
    import psycopg

    name = f"upgrade_{uuid.uuid4().hex[:12]}"
    admin = dj_database_url.parse(url)
    conninfo = {"host": admin["HOST"], "port": admin["PORT"] or 5432, "user": admin["USER"], "dbname": admin["NAME"]}
    if admin.get("PASSWORD"):
        conninfo["password"] = admin["PASSWORD"]
    with psycopg.connect(**conninfo, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {"DATABASE_URL": url.rsplit("/", 1)[0] + "/" + name}
    finally:
        with psycopg.connect(**conninfo, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_an_old_database_upgrades_without_losing_content(upgrade_database):
    result = _run(upgrade_database)
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    assert len([line for line in lines if line.startswith("ok ")]) == CHECKS, result.stdout

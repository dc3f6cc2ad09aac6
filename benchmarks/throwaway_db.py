"""A throw-away database for a benchmark: a SQLite file in a temporary folder, or, when
DATABASE_URL is set, a PostgreSQL database ``<prefix>_<pid>`` created next to the one it names
and dropped afterwards. Enter it before ``django.setup()``: the settings read the environment.
"""

import contextlib
import os
import signal
import sys
import tempfile
from pathlib import Path


@contextlib.contextmanager
def throwaway_database(prefix, keep=None):
    """Yields "SQLite" or "PostgreSQL". With ``keep`` (a database name, or a SQLite file's path),
    that database is used, created when missing, and never dropped."""
    database_url = os.environ.get("DATABASE_URL")
    if keep:
        if database_url:
            import psycopg

            with psycopg.connect(database_url, autocommit=True) as admin:
                if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [keep]).fetchone():
                    admin.execute(f'CREATE DATABASE "{keep}"')
            os.environ["DATABASE_URL"] = database_url.rsplit("/", 1)[0] + "/" + keep
            yield "PostgreSQL"
        else:
            os.environ["SQLITE_PATH"] = str(Path(keep).resolve())
            yield "SQLite"
        return
    if not database_url:
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["SQLITE_PATH"] = str(Path(tmp) / f"{prefix}.sqlite3")
            yield "SQLite"
        return
    import psycopg

    # A SIGTERM (a stopped run) unwinds like an exception, so that the database is dropped.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(f"stopped by signal {signum}"))
    name = f"{prefix}_{os.getpid()}"
    admin = psycopg.connect(database_url, autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = database_url.rsplit("/", 1)[0] + "/" + name
    try:
        yield "PostgreSQL"
    finally:
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
        os.environ["DATABASE_URL"] = database_url

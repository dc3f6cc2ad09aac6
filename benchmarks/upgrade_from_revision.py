"""Upgrade a database built by an older revision of the site, and compare what it holds.

Usage: .venv/bin/python benchmarks/upgrade_from_revision.py [REVISION]   (default: fb02eb6)
       DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/...
       (on PostgreSQL a throw-away database is created next to the one named, then dropped)

Checks out REVISION in a temporary git worktree, builds its demo site (migrate, then
load_demo_content) with that revision's code, counts the rows of every table and the pages of
each type, migrates the same database with the current code, counts again, and serves a few
pages. Prints the counts side by side; exits 1 when a count differs or a page does not answer 200.
Pages are compared by model name, since moved models change app (home.Theme → programme.Theme).
"""

import json
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PAGES = ["/fr/", "/fr/programme/", "/fr/actualites/", "/fr/culture/citadelle/", "/fr/quartiers/planoise/",
         "/fr/programme/export/csv/", "/sitemap.xml"]

COUNT = """
import django, json; django.setup()
from django.db import connection
tables = sorted(t for t in connection.introspection.table_names() if not t.startswith("django_migrations"))
with connection.cursor() as cursor:
    rows = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        rows[table] = cursor.fetchone()[0]
    cursor.execute('SELECT ct.model, COUNT(*) FROM wagtailcore_page p JOIN django_content_type ct '
                   'ON ct.id = p.content_type_id GROUP BY ct.model')
    pages = dict(cursor.fetchall())
print(json.dumps({"rows": rows, "pages": pages}))
"""

SERVE = """
import django, json, sys; django.setup()
from django.test import Client
client = Client()
print(json.dumps({url: client.get(url).status_code for url in sys.argv[1:]}))
"""


def run(args, cwd, env, capture=False):
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"$ {' '.join(args)}\n{result.stdout}{result.stderr}")
    return result.stdout


def main(revision):
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        run(["git", "worktree", "add", "--detach", str(old), revision], BASE_DIR, os.environ)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
        database_url = os.environ.get("DATABASE_URL")
        if database_url:
            import psycopg

            name = f"upgrade_{uuid.uuid4().hex[:10]}"
            admin = psycopg.connect(database_url, autocommit=True)
            admin.execute(f'CREATE DATABASE "{name}"')
            env["DATABASE_URL"] = database_url.rsplit("/", 1)[0] + "/" + name
        else:
            env["SQLITE_PATH"] = str(Path(tmp) / "site.sqlite3")
        try:
            for command in (["migrate", "--noinput", "-v0"], ["load_demo_content"]):
                run([PYTHON, "manage.py", *command], old, env)
            before = json.loads(run([PYTHON, "-c", COUNT], old, env))
            run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], BASE_DIR, env)
            after = json.loads(run([PYTHON, "-c", COUNT], BASE_DIR, env))
            statuses = json.loads(run([PYTHON, "-c", SERVE, *PAGES], BASE_DIR, env))
        finally:
            run(["git", "worktree", "remove", "--force", str(old)], BASE_DIR, os.environ)
            if database_url:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    problems = 0
    print(f"{'table or page type':<45} {revision:>10} {'now':>10}")
    for kind in ("rows", "pages"):
        for key in sorted(set(before[kind]) | set(after[kind])):
            old_count, new_count = before[kind].get(key), after[kind].get(key)
            mark = "" if old_count == new_count else "   <- differs"
            problems += bool(mark)
            print(f"{kind[:-1] + ' ' + key:<45} {old_count!s:>10} {new_count!s:>10}{mark}")
    for url, status in statuses.items():
        problems += status != 200
        print(f"GET {url:<41} {status:>21}")
    print("OK: nothing lost" if not problems else f"{problems} difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "fb02eb6"))

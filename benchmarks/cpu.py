"""CPU per request of our uncached pages, as issue 14 measured bakerydemo's on this machine.

Usage: .venv/bin/python benchmarks/cpu.py [--rounds 8] [--requests 25] [--db NAME] [--port 8103]
                                          [--redis-port 8113]

The production settings under gunicorn with 2 sync workers, PostgreSQL and Redis (the cache),
the whole-page cache off (``PAGE_CACHE_TIMEOUT=0``: every request renders its page, the shared
parts cached as in production). For each page, ``--rounds`` interleaved rounds of ``--requests``
sequential requests; the CPU of the gunicorn workers and of their PostgreSQL backends (kept open:
``conn_max_age``) is read from ``/proc/<pid>/stat`` before and after each round, so that the other
work of a shared machine is not counted. Prints the median CPU milliseconds per request per page,
beside bakerydemo's figures for the equivalent page (issue 14: home 127, blog index 95, blog page
61, search 125; the target is at most half).

The database: a throw-away PostgreSQL database ``bench_cpu_<pid>`` cloned from ``--db`` (an
existing demo database, e.g. the test suite's ``nstb_demo_…`` template) or built (migrate and the
demo content: a few minutes), dropped at the end. ``DATABASE_URL`` names the server
(default ``postgres://postgres@127.0.0.1:5432/postgres``). Loopback only.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import PYTHON, ROOT, _wait_for  # noqa: E402

# (page, our URL, bakerydemo's equivalent, its CPU ms per request on this machine: issue 14)
PAGES = [
    ("home", "/fr/", "home", 127),
    ("programme index", "/fr/programme/", "blog index", 95),
    ("proposal", "/fr/programme/une-ville-rayonnante/art-moderne-et-contemporain/", "blog page", 61),
    ("search", "/fr/recherche/?q=culture", "search", 125),
]
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids):
    """User and system CPU of the processes ``pids`` (those that still exist), in seconds."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / TICKS


def children(pid):
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def backends(admin_url, database):
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [database]
        ).fetchall()
    return [row[0] for row in rows]


def get(port, path):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
        response.read()
        return response.status


def make_database(admin_url, name, template):
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as admin:
        if template:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            return
        admin.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": _url(admin_url, name)}
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PYTHON, "manage.py", "load_demo_content"], cwd=ROOT, env=env, check=True, capture_output=True)


def drop_database(admin_url, name):
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _url(admin_url, name):
    return admin_url.rsplit("/", 1)[0] + "/" + name


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--requests", type=int, default=25)
    parser.add_argument("--db", help="a demo PostgreSQL database to clone (else one is built)")
    parser.add_argument("--port", type=int, default=8103)
    parser.add_argument("--redis-port", type=int, default=8113)
    args = parser.parse_args()
    if args.rounds < 1 or args.requests < 1:
        sys.exit("at least one round of one request")
    admin_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    database = f"bench_cpu_{os.getpid()}"
    tmp = Path(tempfile.mkdtemp(prefix="cpu-"))
    make_database(admin_url, database, args.db)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "benchmark-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": _url(admin_url, database),
        "CACHE_URL": f"redis://127.0.0.1:{args.redis_port}/0",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(tmp / "static"),
        "PAGE_CACHE_TIMEOUT": "0",
        "GUNICORN_BIND": f"127.0.0.1:{args.port}",
        "WEB_CONCURRENCY": "2",
    }
    redis = server = None
    try:
        subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        redis = subprocess.Popen(
            ["redis-server", "--port", str(args.redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        server = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "-c",
                "deploy/gunicorn.conf.py",
                "--access-logfile",
                "/dev/null",
                "--max-requests",
                "0",
                "config.wsgi",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for(args.port)
        for _name, path, _equivalent, _reference in PAGES:
            for _ in range(10):  # both workers warm: templates, content types, shared cache
                if get(args.port, path) != 200:
                    sys.exit(f"{path} does not answer 200")
        per_request = {name: [] for name, *_rest in PAGES}
        for _round in range(args.rounds):
            for name, path, _equivalent, _reference in PAGES:
                pids = children(server.pid) + backends(admin_url, database)
                before = cpu_seconds(pids)
                for _ in range(args.requests):
                    get(args.port, path)
                after = cpu_seconds(pids)
                per_request[name].append(1000 * (after - before) / args.requests)
    finally:
        for process in (server, redis):
            if process is not None:
                process.terminate()
                try:
                    process.wait(45)
                except subprocess.TimeoutExpired:
                    process.kill()
        drop_database(admin_url, database)
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: 2 gunicorn workers, PostgreSQL, no page cache,")
    print(f"{args.rounds} rounds of {args.requests} requests per page; CPU ms per request (workers, backends)\n")
    print("| page | ours (median of rounds) | min–max | bakerydemo's equivalent | bakerydemo | ratio |")
    print("| --- | ---: | ---: | --- | ---: | ---: |")
    for name, _path, equivalent, reference in PAGES:
        values = per_request[name]
        median = statistics.median(values)
        print(
            f"| {name} | {median:.1f} | {min(values):.1f}–{max(values):.1f} | {equivalent} | {reference} | "
            f"{median / reference:.2f} |"
        )


if __name__ == "__main__":
    main()

"""Load test: the production settings under gunicorn, a mix of pages, N concurrent clients.

Usage: .venv/bin/python benchmarks/load.py [--seconds 60] [--clients 8,100] [--port 8102]
                                           [--redis-port 8112] [--workers 3] [--db FILE]

Loopback only. Builds (or copies, ``--db``) a SQLite demo database, collects the static files
(WhiteNoise's compressed manifest storage), starts Redis (the cache, as in production) and
gunicorn (deploy/gunicorn.conf.py) on the given ports, then, for each number of clients, runs a
small bounded asyncio HTTP/1.1 client with keep-alive connections over a mix of home, listings,
detail pages, search, exports and feeds: once with the page cache (home.cache), once without
(``PAGE_CACHE_TIMEOUT=0``); the same mix without the search (never cached: it counts each
query), and a hashed static file as the ceiling. Prints a Markdown table:
requests/s, p50/p95/p99 latency, errors. Stops what it started, by its own process ids.
"""

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

MIX = [
    "/fr/",
    "/en/",
    "/fr/programme/",
    "/fr/programme/?theme=jeunesse",
    "/fr/programme/une-ville-rayonnante/",
    "/fr/programme/une-ville-rayonnante/art-moderne-et-contemporain/",
    "/fr/quartiers/",
    "/fr/quartiers/planoise/",
    "/fr/culture/",
    "/fr/culture/citadelle/",
    "/fr/actualites/",
    "/fr/a-propos/",
    "/fr/recherche/?q=culture",
    "/fr/programme/export/csv/",
    "/fr/programme/export/json/",
    "/fr/programme/flux/atom/",
    "/fr/actualites/flux/rss/",
]


async def _request(reader, writer, path, port):
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept-Encoding: gzip\r\n"
        f"X-Forwarded-Proto: https\r\nConnection: keep-alive\r\n\r\n".encode()
    )
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readline()).strip() or b"0", 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status, headers.get("connection", "").lower() == "close"


async def _client(port, paths, deadline, latencies, errors, offset):
    reader = writer = None
    index = offset
    while time.monotonic() < deadline:
        path = paths[index % len(paths)]
        index += 1
        start = time.monotonic()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            status, close = await asyncio.wait_for(_request(reader, writer, path, port), 30)
            if status != 200:
                errors.append(f"{status} {path}")
            if close:
                writer.close()
                writer = None
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as error:
            errors.append(f"{type(error).__name__} {path}")
            if writer is not None:
                writer.close()
            writer = None
            await asyncio.sleep(0.05)
            continue
        latencies.append(time.monotonic() - start)
    if writer is not None:
        writer.close()


def run_load(port, paths, clients, seconds):
    latencies, errors = [], []
    deadline = time.monotonic() + seconds

    async def main():
        await asyncio.gather(*(_client(port, paths, deadline, latencies, errors, n) for n in range(clients)))

    started = time.monotonic()
    asyncio.run(main())
    elapsed = time.monotonic() - started
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000 if latencies else float("nan")

    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": pct(0.50),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "errors": len(errors),
        "error_sample": sorted(set(errors))[:3],
        "mean": statistics.fmean(latencies) * 1000 if latencies else float("nan"),
    }


def _wait_for(port, path="/fr/", timeout=120):
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"X-Forwarded-Proto": "https"})
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"nothing answered on 127.0.0.1:{port}{path}")


def _env(tmp, db, redis_port, page_cache):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "benchmark-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SQLITE_PATH": str(db),
        "CACHE_URL": f"redis://127.0.0.1:{redis_port}/0",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(tmp / "static"),
        "PAGE_CACHE_TIMEOUT": "3600" if page_cache else "0",
    }
    env.pop("DATABASE_URL", None)
    return env


def _demo_db(tmp, given):
    target = tmp / "load.sqlite3"
    if given:
        shutil.copy(given, target)
        return target
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "SQLITE_PATH": str(target)}
    env.pop("DATABASE_URL", None)
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PYTHON, "manage.py", "load_demo_content"], cwd=ROOT, env=env, check=True, capture_output=True)
    return target


def static_file(tmp):
    manifest = (tmp / "static" / "staticfiles.json").read_text()
    import json

    return "/static/" + json.loads(manifest)["paths"]["css/main.css"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", default="8,100")
    parser.add_argument("--port", type=int, default=8102)
    parser.add_argument("--redis-port", type=int, default=8112)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--db", help="an existing demo SQLite database to copy (else one is built)")
    args = parser.parse_args()
    clients = [int(n) for n in args.clients.split(",")]

    tmp = Path(tempfile.mkdtemp(prefix="load-"))
    db = _demo_db(tmp, args.db)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=_env(tmp, db, args.redis_port, True), check=True,
    )
    redis = subprocess.Popen(
        ["redis-server", "--port", str(args.redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    rows = []
    try:
        for page_cache in (True, False):
            env = _env(tmp, db, args.redis_port, page_cache)
            env.update(GUNICORN_BIND=f"127.0.0.1:{args.port}", WEB_CONCURRENCY=str(args.workers))
            server = subprocess.Popen(
                [PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "--access-logfile", "/dev/null",
                 # No recycling of workers mid-run (production's max_requests): a worker reloading
                 # Django during a line would measure its start-up, not the pages.
                 "--max-requests", "0", "--backlog", "2048", "config.wsgi"],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            try:
                _wait_for(args.port)
                subprocess.run(["redis-cli", "-p", str(args.redis_port), "flushall"], stdout=subprocess.DEVNULL)
                for path in MIX:  # every page once: the cache warm, as on a site in use
                    _wait_for(args.port, path)
                targets = [("pages, page cache" if page_cache else "pages, no page cache", MIX)]
                if page_cache:
                    cacheable = [path for path in MIX if "/recherche/" not in path]
                    targets.append(("cacheable pages only (no search), page cache", cacheable))
                    targets.append(("static file (ceiling)", [static_file(tmp)]))
                for label, paths in targets:
                    for n in clients:
                        result = run_load(args.port, paths, n, args.seconds)
                        rows.append((label, n, result))
                        print(label, n, result, file=sys.stderr, flush=True)
            finally:
                server.terminate()
                try:
                    server.wait(45)  # gunicorn's graceful timeout is 30 s
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
    finally:
        redis.terminate()
        redis.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"{args.workers} gunicorn workers, {args.seconds:g} s per line, {len(MIX)} URLs in the mix\n")
    print("| what | clients | requests | requests/s | p50 ms | p95 ms | p99 ms | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, n, r in rows:
        print(
            f"| {label} | {n} | {r['requests']} | {r['rps']:.1f} | {r['p50']:.0f} | {r['p95']:.0f} | "
            f"{r['p99']:.0f} | {r['errors']} |"
        )


if __name__ == "__main__":
    main()

"""The production set-up under gunicorn with its database unreachable: a plain 503 page with
Retry-After, answered at once (issue 13, item 6), not a 500 nor a wait.

A real gunicorn (deploy/gunicorn.conf.py, one worker) with the production settings and a
DATABASE_URL on a port nothing listens on; loopback only, bounded by timeouts, stopped at the end.
"""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("FAULT_TEST_PORT", "8103"))
STARTUP = 90  # seconds for gunicorn and Django to start (a loaded CI machine)
ANSWER = 5  # seconds an answer may take once started


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(path, timeout):
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def silent_port():
    """A port that accepts connections (the kernel's backlog) and never answers a byte."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(64)
        yield sock.getsockname()[1]


@contextlib.contextmanager
def _gunicorn(tmp_path, database_port):
    """gunicorn with the production settings and its database at ``database_port``: the log's path."""
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "fault-test-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{database_port}/nstb",
        "DATABASE_CONNECT_TIMEOUT": "2",
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "WEB_CONCURRENCY": "1",
    }
    log = open(tmp_path / "gunicorn.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "config.wsgi"],
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + STARTUP
        while True:
            assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()
            try:
                _get("/robots.txt", timeout=STARTUP)
                break
            except (ConnectionError, urllib.error.URLError):
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.5)
        yield tmp_path / "gunicorn.log"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def gunicorn_without_database(tmp_path):
    with _gunicorn(tmp_path, _closed_port()) as log:
        yield log


def test_database_unreachable_under_gunicorn_answers_503_at_once(gunicorn_without_database):
    for path in ("/fr/", "/fr/programme/", "/api/v2/pages/", "/fr/recherche/?q=citadelle"):
        started = time.monotonic()
        status, headers, body = _get(path, timeout=ANSWER)
        elapsed = time.monotonic() - started
        assert status == 503, (path, status, body[:300])
        assert headers["Retry-After"] == "30", path
        assert "Service momentanément indisponible" in body, path
        assert elapsed < ANSWER, (path, elapsed)
    log = gunicorn_without_database.read_text()
    assert "Connection refused" in log  # logged, for whoever reads the logs


@pytest.fixture
def gunicorn_with_silent_database(tmp_path, silent_port):
    with _gunicorn(tmp_path, silent_port) as log:
        yield log


def test_database_that_never_answers_gives_503_after_the_connect_timeout(gunicorn_with_silent_database):
    """A hung database server: the worker gives up after DATABASE_CONNECT_TIMEOUT (2 s here),
    far inside gunicorn's timeout, and answers the 503 page."""
    for path in ("/fr/programme/", "/api/v2/pages/"):
        started = time.monotonic()
        status, headers, body = _get(path, timeout=ANSWER + 2)
        elapsed = time.monotonic() - started
        assert status == 503, (path, status, body[:300])
        assert headers["Retry-After"] == "30", path
        assert 1.5 < elapsed < ANSWER + 2, (path, elapsed)
    assert "timeout expired" in gunicorn_with_silent_database.read_text()

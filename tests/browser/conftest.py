"""A real server and a real headless Chromium for the browser tests.

The server is `manage.py runserver` on its own SQLite database holding the demo content (a copy
of the cached demo database, see tests/conftest.py), so the pages are exactly what a visitor gets.
Its output goes to a log file, shown in the report of any browser test that fails. Without
Chromium (Debian's `chromium` and `chromium-driver`) the tests are skipped, unless
REQUIRE_BROWSER=1 (CI), where they fail.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SERVER_LOG = pytest.StashKey()
SITE_DATABASE = pytest.StashKey()
LOG_LINES = 300


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def browser_available():
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not os.path.exists(path)]
    if missing:
        message = f"Chromium is not installed ({', '.join(missing)} missing)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)


def _server_log(path, lines=LOG_LINES):
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else "(no log)"
    kept = text.splitlines()[-lines:]
    cut = f"(last {lines} lines of {path})\n" if len(text.splitlines()) > lines else f"({path})\n"
    return cut + "\n".join(kept)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test shows the test server's log (its requests, errors, tracebacks)."""
    report = yield
    log = item.config.stash.get(SERVER_LOG, None)
    if report.failed and log is not None:
        report.sections.append(("test server log", _server_log(log)))
    return report


@pytest.fixture(scope="session")
def live_site(browser_available, demo_db_file, tmp_path_factory, request):
    """Base URL of a running server with the demo content."""
    folder = tmp_path_factory.mktemp("browser")
    database = folder / "site.sqlite3"
    shutil.copyfile(demo_db_file, database)
    log = folder / "server.log"
    request.config.stash[SERVER_LOG] = log
    request.config.stash[SITE_DATABASE] = database
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", SQLITE_PATH=str(database), PYTHONUNBUFFERED="1")
    manage = [sys.executable, str(BASE_DIR / "manage.py")]
    port = _free_port()
    with log.open("wb") as output:
        server = subprocess.Popen(
            [*manage, "runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"],
            cwd=BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            if server.poll() is not None:
                pytest.fail(f"The test server stopped (exit code {server.returncode}):\n{_server_log(log)}")
            try:
                urllib.request.urlopen(base_url + "/robots.txt", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(f"The test server did not start:\n{_server_log(log)}")
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser(browser_available):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def site_manage(live_site, request):
    """Runs ``manage.py <args>`` on the live site's database (to add accounts, read the result)."""
    database = request.config.stash[SITE_DATABASE]
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", SQLITE_PATH=str(database))

    def run(*args):
        done = subprocess.run(
            [sys.executable, str(BASE_DIR / "manage.py"), *args], cwd=BASE_DIR, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    return run

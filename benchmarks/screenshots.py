"""Screenshots of one page of each type at phone and desktop widths, with a readability report.

Usage: .venv/bin/python benchmarks/screenshots.py [OUTPUT_DIR] [--base-url URL] [--database FILE]
                                                 [--widths 390,1366]

Without ``--base-url`` it builds a throw-away SQLite database with the demo content (or copies
``--database``) and serves it with ``manage.py runserver`` on a free loopback port, so a reviewer
can rerun it on a clean checkout. Needs Debian's ``chromium`` and ``chromium-driver`` (``make browser``), as the
browser tests do. Writes ``OUTPUT_DIR/<width>/<page type>.png`` (full-page shots; default
``/tmp/screenshots``) and prints, per page and width:

- the page's height in CSS pixels (the quartier page must stay short on a phone);
- every visible text rendered under 12 px (SVG text counts at its rendered size, after scaling);
- labels of a map or chart that overlap another label or a marker, or stick out of their drawing;
- table captions and texts cut off by the right edge of the screen.

Exits with status 1 when any of those problems is found, so it can gate a review.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
MIN_FONT_PX = 12

#: Pages that are not a page model of their own, added to one page per model.
EXTRA_PATHS = {
    "search-results": "/fr/recherche/?q=culture",
    "proposal-history": "/fr/programme/une-ville-rayonnante/art-moderne-et-contemporain/historique/",
    "not-found": "/fr/introuvable/",
}

#: Runs in the page; returns what a reader would notice. Kept in one string so that the browser
#: tests can run the very same checks (tests/browser/test_phone.py imports it).
REPORT_JS = r"""
const minPx = arguments[0];
const viewport = document.documentElement.clientWidth;
const visible = el => {
  const style = getComputedStyle(el);
  if (style.visibility === "hidden" || style.display === "none") return false;
  if (el.closest('[aria-hidden="true"] title, .visually-hidden, details:not([open]) > :not(summary)')) return false;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
};
const name = el => {
  const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
  const cls = el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : "";
  return `${el.tagName.toLowerCase()}${cls} « ${text} »`;
};
const renderedPx = el => {
  const size = parseFloat(getComputedStyle(el).fontSize);
  if (el instanceof SVGElement && el.ownerSVGElement) {
    const ctm = el.getScreenCTM();
    return ctm ? size * Math.hypot(ctm.a, ctm.b) : size;
  }
  return size;
};
const small = [];
const seen = new Set();
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode;
  const el = node.parentElement;
  if (!el || !node.textContent.trim() || seen.has(el)) continue;
  seen.add(el);
  if (["SCRIPT", "STYLE", "TITLE", "DESC", "OPTION"].includes(el.tagName.toUpperCase())) continue;
  if (!visible(el)) continue;
  const px = renderedPx(el);
  if (px < minPx - 0.05) small.push(`${name(el)} ${px.toFixed(1)} px`);
}
const overlaps = [];
const intersect = (a, b, pad) =>
  a.left < b.right - pad && b.left < a.right - pad && a.top < b.bottom - pad && b.top < a.bottom - pad;
for (const svg of document.querySelectorAll("svg.svg-map__svg")) {
  const box = svg.getBoundingClientRect();
  const labels = [...svg.querySelectorAll("text")].filter(visible);
  const markers = [...svg.querySelectorAll("circle.svg-map__marker")];
  const rects = labels.map(el => el.getBoundingClientRect());
  labels.forEach((el, i) => {
    const r = rects[i];
    const out = r.left < box.left - 1 || r.right > box.right + 1;
    if (out || r.top < box.top - 1 || r.bottom > box.bottom + 1)
      overlaps.push(`${name(el)} sticks out of its map`);
    for (let j = i + 1; j < labels.length; j++)
      if (intersect(r, rects[j], 1)) overlaps.push(`${name(el)} overlaps ${name(labels[j])}`);
    const own = el.closest(".svg-map__point");
    for (const marker of markers)
      if (marker.closest(".svg-map__point") !== own && intersect(r, marker.getBoundingClientRect(), 1))
        overlaps.push(`${name(el)} is covered by a marker`);
  });
}
const clipped = [];
const textBoxes = "caption, h1, h2, h3, th, td, .portrait-chart__label, .portrait-chart__value";
// Cells of a table that scrolls inside a labelled, focusable region (with its scroll cue) are
// meant to run past the edge; its caption's text is not.
const inScrollRegion = el => el.closest('[role="region"][tabindex="0"]') && el.tagName !== "CAPTION";
for (const caption of document.querySelectorAll('[role="region"][tabindex="0"] caption > span')) {
  const r = caption.getBoundingClientRect();
  if (r.right > viewport + 1) clipped.push(`${name(caption)} runs off the screen`);
}
for (const el of document.querySelectorAll(textBoxes)) {
  if (!visible(el) || inScrollRegion(el)) continue;
  if (el.tagName === "CAPTION" && el.querySelector(":scope > span")) continue;
  const r = el.getBoundingClientRect();
  if (r.right > viewport + 1 || r.left < -1)
    clipped.push(`${name(el)} runs off the screen (${Math.round(r.right)} > ${viewport})`);
}
const tooSmallTargets = [];
const targets = ".portrait-chart a, .portrait-group summary, .svg-map a, .place-links a";
for (const el of document.querySelectorAll(targets)) {
  if (!visible(el)) continue;
  const r = el.getBoundingClientRect();
  if (r.width < 24 || r.height < 24)
    tooSmallTargets.push(`${name(el)} ${Math.round(r.width)}×${Math.round(r.height)} px`);
}
return {height: document.documentElement.scrollHeight, small, overlaps, clipped, targets: tooSmallTargets};
"""


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def page_type_paths():
    """One French page of each page model, from the demo database (Django must be set up)."""
    from wagtail.models import Page

    paths = {}
    for page in Page.objects.live().filter(depth__gt=1, locale__language_code="fr").specific().order_by("path"):
        kind = type(page).__name__
        if kind not in paths:
            paths[kind] = page.url
    # The longest quartier page, the one the phone layout is measured on.
    planoise = Page.objects.live().filter(slug="planoise", locale__language_code="fr").first()
    if planoise is not None:
        paths["QuartierPage"] = planoise.url
    return {**paths, **EXTRA_PATHS}


def serve_demo(tmp, database=None, port=None):
    """Build the demo database in ``tmp`` (or copy ``database``, an SQLite file holding it) and
    start a server on it; returns (process, base URL, paths)."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", SQLITE_PATH=str(Path(tmp) / "site.sqlite3"))
    os.environ.update(env)
    os.environ.pop("DATABASE_URL", None)
    if database:
        shutil.copyfile(database, Path(tmp) / "site.sqlite3")
    import django

    django.setup()
    if not database:
        from django.core.management import call_command

        from demo.loader import load_all

        call_command("migrate", verbosity=0)
        load_all()
    paths = page_type_paths()
    from django.db import connections

    connections.close_all()
    port = port or _free_port()
    log = open(Path(tmp) / "server.log", "wb")  # noqa: SIM115 (lives as long as the server)
    server = subprocess.Popen(
        [sys.executable, str(BASE_DIR / "manage.py"), "runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    for _ in range(600):  # two minutes: a busy machine starts Django slowly
        try:
            urllib.request.urlopen(base_url + "/robots.txt", timeout=1)
            return server, base_url, paths
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("The server did not start; see " + str(Path(tmp) / "server.log"))


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--no-first-run", "--disable-background-networking", "--hide-scrollbars"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def set_width(driver, width, height=900):
    """Make the viewport (not the window) ``width`` CSS pixels wide."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 800},
    )


def shoot(driver, url, width, target):
    set_width(driver, width)
    driver.get(url)
    report = driver.execute_script(REPORT_JS, MIN_FONT_PX)
    set_width(driver, width, min(report["height"], 16000))
    driver.save_screenshot(str(target))
    set_width(driver, width)
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", nargs="?", default="/tmp/screenshots")
    parser.add_argument("--base-url", help="an already running site with the demo content")
    parser.add_argument("--widths", default="390,1366")
    parser.add_argument("--port", type=int, help="the loopback port to serve on (default: a free one)")
    parser.add_argument(
        "--database",
        help="an SQLite file with the demo content to copy instead of building one (e.g. the test "
        "suite's cache, .pytest_cache/demo-db/demo-*.sqlite3)",
    )
    args = parser.parse_args()
    widths = [int(width) for width in args.widths.split(",")]
    output = Path(args.output)
    tmp = tempfile.mkdtemp(prefix="screenshots-")
    server = None
    try:
        if args.base_url:
            base_url = args.base_url.rstrip("/")
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
            import django

            django.setup()
            paths = page_type_paths()
        else:
            server, base_url, paths = serve_demo(tmp, args.database, args.port)
        driver = browser()
        problems = 0
        try:
            for width in widths:
                (output / str(width)).mkdir(parents=True, exist_ok=True)
                for kind, path in paths.items():
                    report = shoot(driver, base_url + path, width, output / str(width) / f"{kind}.png")
                    found = report["small"] + report["overlaps"] + report["clipped"] + report["targets"]
                    problems += len(found)
                    print(f"{width:>5} px {report['height']:>6} px high  {kind:<22} {path}")
                    for key in ("small", "overlaps", "clipped", "targets"):
                        for line in report[key][:10]:
                            print(f"{'':>8}{key}: {line}")
                        if len(report[key]) > 10:
                            print(f"{'':>8}{key}: … and {len(report[key]) - 10} more")
        finally:
            driver.quit()
        print(json.dumps({"screenshots": str(output), "problems": problems}))
        return 1 if problems else 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

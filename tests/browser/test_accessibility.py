"""Accessibility checked in a real browser: axe-core (WCAG 2.1 A/AA rules) on every French page
of the sitemap, one page of each kind in English and German, and on the search, error and
export-free pages; keyboard and small-screen behaviour."""

import re
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

# One worker runs them all: one server, one Chromium.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

AXE_SOURCE = (Path(__file__).parent / "axe.min.js").read_text(encoding="utf-8")
AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
  .then(result => done(result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))))
  .catch(error => done([{id: "axe-error", help: String(error), nodes: []}]));
"""
EXTRA_PATHS = [
    "/fr/recherche/",
    "/fr/recherche/?q=culture",
    "/fr/recherche/?q=zzzzzz",
    "/fr/introuvable/",
    "/fr/programme/?theme=culture-et-patrimoine&quartier=planoise",
    "/fr/programme/?theme=inconnu",
    "/fr/programme/une-ville-rayonnante/art-moderne-et-contemporain/historique/",
    "/fr/culture/?statut=planned",
    "/fr/culture/?statut=inconnu",
    "/fr/programme/suivi/?statut=under-study&quartier=planoise",
    "/fr/programme/suivi/?statut=inconnu",
]
# The barometer of the follow-up and the pages that show a proposal's status (also in the crawl
# above, through the sitemap); checked alone by test_follow_up_pages_pass_axe.
FOLLOW_UP_PATHS = [
    "/fr/programme/suivi/",
    "/en/programme/follow-up/",
    "/fr/programme/suivi/?statut=under-study&quartier=planoise",
    "/fr/programme/avec-et-pour-les-citoyens/budget-participatif/",
    "/fr/quartiers/planoise/",
]


def sitemap_paths(base_url):
    xml = urllib.request.urlopen(base_url + "/sitemap.xml", timeout=10).read().decode()
    return sorted({urlparse(url).path for url in re.findall(r"<loc>([^<]+)</loc>", xml)})


def axe_violations(browser, url):
    browser.get(url)
    browser.execute_script(AXE_SOURCE)
    return browser.execute_async_script(AXE_RUN)


def checked_paths(paths):
    """Every French page, and of the translations one page per section and depth.

    A translated page is the French page's template with other words: one of each kind (the
    section's index, an axis, a proposal, a quartier, a place, an article…) in English and in
    German checks what a language changes (``lang``, lengths of words), at a third of the time.
    """
    kept, kinds = [], set()
    for path in paths:
        parts = path.strip("/").split("/")
        kind = (parts[0], parts[1] if len(parts) > 1 else "", len(parts))
        if parts[0] == "fr" or kind not in kinds:
            kinds.add(kind)
            kept.append(path)
    return kept


def test_checked_paths_keep_french_and_one_translation_of_each_kind():
    paths = ["/fr/", "/fr/culture/", "/fr/culture/citadelle/", "/fr/culture/frac/", "/en/", "/en/culture/",
             "/en/culture/citadel/", "/en/culture/frac/", "/de/culture/frac/", "/de/culture/zitadelle/"]
    assert checked_paths(paths) == [
        "/fr/", "/fr/culture/", "/fr/culture/citadelle/", "/fr/culture/frac/", "/en/", "/en/culture/",
        "/en/culture/citadel/", "/de/culture/frac/",
    ]


def test_every_page_passes_axe(browser, live_site):
    paths = sitemap_paths(live_site)
    assert "/fr/" in paths and len(paths) >= 10
    # The three trees: French, and the English and German translations.
    assert {path.split("/")[1] for path in paths} == {"fr", "en", "de"}
    checked = checked_paths(paths)
    assert {path.split("/")[1] for path in checked} == {"fr", "en", "de"}
    failures = {}
    for path in checked + EXTRA_PATHS:
        violations = axe_violations(browser, live_site + path)
        if violations:
            failures[path] = violations
    assert failures == {}


def test_follow_up_pages_pass_axe(browser, live_site):
    assert "/fr/programme/suivi/" in sitemap_paths(live_site)
    failures = {}
    for path in FOLLOW_UP_PATHS:
        violations = axe_violations(browser, live_site + path)
        if violations:
            failures[path] = violations
    assert failures == {}


def test_skip_link_is_the_first_stop_and_is_visible(browser, live_site):
    from selenium.webdriver.common.keys import Keys

    browser.get(live_site + "/fr/")
    browser.find_element("tag name", "body").send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.get_attribute("class") == "skip-link"
    assert focused.is_displayed()
    rect = browser.execute_script("return arguments[0].getBoundingClientRect().top;", focused)
    assert rect >= 0
    outline = browser.execute_script("return getComputedStyle(arguments[0]).outlineStyle;", focused)
    assert outline != "none"
    focused.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("id") == "contenu"


def test_pages_fit_a_phone_screen(browser, live_site):
    paths = sitemap_paths(live_site)
    assert "/fr/" in paths and len(paths) >= 10
    browser.set_window_size(360, 740)
    try:
        for path in paths:
            browser.get(live_site + path)
            overflow = browser.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"
            )
            assert overflow <= 0, f"{path} scrolls sideways on a 360 px screen"
    finally:
        browser.set_window_size(1280, 900)


def test_form_errors_are_accessible(browser, live_site):
    browser.get(live_site + "/fr/contact/")
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    browser.find_element("css selector", "form.form button[type=submit]").click()
    summary = WebDriverWait(browser, 10).until(
        expected_conditions.presence_of_element_located(("css selector", ".error-summary"))
    )
    assert summary.get_attribute("role") == "alert"
    assert "erreurs" in summary.text
    browser.execute_script(AXE_SOURCE)
    assert browser.execute_async_script(AXE_RUN) == []

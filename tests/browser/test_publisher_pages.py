"""The pages of issue 11 (home page, legal pages, an open question with its contribution form)
in a real browser: zero axe violations at 320, 390 and 1366 px, no sideways scrolling, and the
form's errors accessible after an empty submit."""

import pytest

from tests.browser.test_accessibility import AXE_RUN, AXE_SOURCE

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PAGES = [
    "/fr/",
    "/en/",
    "/fr/mentions-legales/",
    "/fr/donnees-personnelles/",
    "/fr/accessibilite/",
    "/fr/programme/une-ville-rayonnante/sport-de-haut-niveau/",
    "/fr/programme/?theme=sport",
]
WIDTHS = [320, 390, 1366]


def _axe(browser):
    browser.execute_script(AXE_SOURCE)
    return browser.execute_async_script(AXE_RUN)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_pages_pass_axe_and_fit_the_screen(browser, live_site, width):
    browser.set_window_size(width, 900)
    try:
        failures, overflows = {}, {}
        for path in PAGES:
            browser.get(live_site + path)
            if violations := _axe(browser):
                failures[path] = violations
            overflow = browser.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"
            )
            if overflow > 0:
                overflows[path] = overflow
        assert (failures, overflows) == ({}, {})
    finally:
        browser.set_window_size(1280, 900)


def test_the_home_page_text_and_targets_are_readable_on_a_phone(browser, live_site):
    browser.set_window_size(390, 844)
    try:
        browser.get(live_site + "/fr/")
        smallest_font = browser.execute_script(
            """return Math.min(...[...document.querySelectorAll('main *')]
                 .filter(e => e.childNodes.length && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
                 .filter(e => e.getClientRects().length && !e.closest('svg'))
                 .map(e => parseFloat(getComputedStyle(e).fontSize)));"""
        )
        assert smallest_font >= 12  # the floor (the map's legend is the smallest text)
        home_texts = browser.execute_script(
            """return [...document.querySelectorAll('.chip, .key-numbers__item, .home-panel .card p, .home-quartiers > p')]
                 .map(e => parseFloat(getComputedStyle(e).fontSize));"""
        )
        assert len(home_texts) >= 20
        assert min(home_texts) >= 15  # body 18 px, a card's date line 15.2 px
        chip_heights = browser.execute_script(
            "return [...document.querySelectorAll('.chip')].map(e => e.getBoundingClientRect().height);"
        )
        assert len(chip_heights) == 12
        assert min(chip_heights) >= 44
    finally:
        browser.set_window_size(1280, 900)


def test_the_contribution_form_s_errors_are_accessible(browser, live_site):
    browser.get(live_site + "/fr/programme/une-ville-rayonnante/sport-de-haut-niveau/")
    browser.find_element("css selector", "#contribuer button[type=submit]").click()
    summary = browser.find_element("css selector", "#contribuer .error-summary")
    assert summary.get_attribute("role") == "alert"
    assert "3 erreurs" in summary.text
    assert _axe(browser) == []

"""The search box's autocompletion (search/static/search/autocomplete.js) in a real browser: the
ARIA 1.2 combobox pattern, the keyboard, and axe-core on the open list.

The search page gets the attribute and the script here when its template does not have them
yet, exactly as the template is to write them.
"""

import pytest

from tests.browser.test_accessibility import AXE_RUN, AXE_SOURCE
from tests.seed import seed_proposals

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MAISON = next(proposal for proposal in seed_proposals() if proposal["reference"] == "P-07")
ENHANCE = """
const input = document.querySelector('main form[role="search"] input[name="q"]');
if (!input.hasAttribute("data-autocomplete")) input.setAttribute("data-autocomplete", "/api/search/suggest/");
if (!document.querySelector('script[src$="search/autocomplete.js"]')) {
  const script = document.createElement("script");
  script.src = "/static/search/autocomplete.js";
  document.head.appendChild(script);
}
"""


def _wait(browser, condition, timeout=10):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout).until(lambda driver: condition())


def test_the_search_box_suggests_pages_and_follows_the_keyboard(browser, live_site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(live_site + "/fr/recherche/")
    browser.execute_script(ENHANCE)
    box = browser.find_element(By.CSS_SELECTOR, 'main form[role="search"] input[name="q"]')
    _wait(browser, lambda: box.get_attribute("role") == "combobox")
    listbox = browser.find_element(By.ID, box.get_attribute("aria-controls"))
    assert listbox.get_attribute("role") == "listbox"
    assert (box.get_attribute("aria-expanded"), listbox.is_displayed()) == ("false", False)
    assert box.get_attribute("aria-autocomplete") == "list"

    box.send_keys("maison")
    _wait(browser, lambda: box.get_attribute("aria-expanded") == "true")
    options = listbox.find_elements(By.CSS_SELECTOR, '[role="option"]')
    # Each option is a link to its page.
    assert {option.tag_name for option in options} == {"a"}
    assert (MAISON["title"], live_site + MAISON["url"]) in [(o.text, o.get_attribute("href")) for o in options]
    assert 1 <= len(options) <= 8
    assert box.get_attribute("aria-activedescendant") is None

    violations = browser.execute_async_script(AXE_SOURCE + ";" + AXE_RUN)
    assert violations == []

    box.send_keys(Keys.ARROW_DOWN)
    assert box.get_attribute("aria-activedescendant") == options[0].get_attribute("id")
    assert options[0].get_attribute("aria-selected") == "true"
    box.send_keys(Keys.ARROW_UP)  # from the first, up wraps to the last
    assert box.get_attribute("aria-activedescendant") == options[-1].get_attribute("id")
    assert options[0].get_attribute("aria-selected") == "false"
    box.send_keys(Keys.ESCAPE)
    assert (box.get_attribute("aria-expanded"), listbox.is_displayed()) == ("false", False)
    assert box.get_attribute("aria-activedescendant") is None
    assert box.get_attribute("value") == "maison"  # Escape closes, it does not clear

    # Down opens the list again on its first option; Enter follows the option's link.
    box.send_keys(Keys.ARROW_DOWN)
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-activedescendant") == options[0].get_attribute("id")
    target = options[0].get_attribute("href")
    box.send_keys(Keys.ENTER)
    _wait(browser, lambda: browser.current_url == target)

def test_without_a_suggestion_the_form_still_searches(browser, live_site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(live_site + "/fr/recherche/")
    browser.execute_script(ENHANCE)
    box = browser.find_element(By.CSS_SELECTOR, 'main form[role="search"] input[name="q"]')
    _wait(browser, lambda: box.get_attribute("role") == "combobox")
    box.send_keys("m")  # one letter: nothing is fetched, nothing is shown
    assert box.get_attribute("aria-expanded") == "false"
    box.send_keys("aison des associations", Keys.ENTER)
    _wait(browser, lambda: "/fr/recherche/?q=maison+des+associations" in browser.current_url)

"""The communications team's day in a real browser: a figure found by its label among 54 and
changed, a proposal previewed in the admin's side panel (issue 15)."""

import time

import pytest
from selenium.common.exceptions import NoSuchElementException, NoSuchFrameException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ACCOUNTS = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile
from home.editorial import ensure_editorial_setup
ensure_editorial_setup()
users = get_user_model().objects
for name, group in (("redaction-test", "Rédaction"), ("validation-test", "Validation")):
    user, _ = users.get_or_create(username=name, defaults={"email": name + "@example.org"})
    user.set_password("mot-de-passe-essai")
    user.save()
    user.groups.set([Group.objects.get(name=group)])
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"  # the team's admin speaks French, whatever the browser's language
    profile.save()
from quartiers.models import QuartierPage
from programme.models import ProposalPage
print(QuartierPage.objects.get(slug="planoise", locale__language_code="fr").pk)
print(ProposalPage.objects.get(reference="P-01", locale__language_code="fr").pk)
"""


@pytest.fixture(scope="module")
def ids(site_manage):
    planoise, proposal = site_manage("shell", "-c", ACCOUNTS).split()[-2:]
    return {"planoise": int(planoise), "proposal": int(proposal)}


def log_in(browser, live_site, username):
    browser.delete_all_cookies()
    browser.get(f"{live_site}/admin/login/")
    browser.find_element(By.ID, "id_username").send_keys(username)
    browser.find_element(By.ID, "id_password").send_keys("mot-de-passe-essai")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(browser, 15).until(EC.presence_of_element_located((By.ID, "dashboard-published-this-week-section")))


def test_an_editor_finds_one_figure_of_54_by_its_label_and_changes_it(browser, live_site, ids, site_manage):
    log_in(browser, live_site, "redaction-test")
    browser.get(f"{live_site}/admin/pages/{ids['planoise']}/edit/")
    wait = WebDriverWait(browser, 15)
    search = wait.until(EC.visibility_of_element_located((By.ID, "id_indicators-FILTER")))
    rows = browser.find_elements(By.CSS_SELECTOR, "#id_indicators-FORMS > [data-inline-panel-child]")
    assert len(rows) == 54
    # The label of quartiers/demo_data/quartiers.yaml, typed without its capital.
    search.send_keys("loyer moyen d'un logement")
    shown = [row for row in rows if row.is_displayed()]
    assert [row.get_attribute("data-inline-row-title") for row in shown] == [
        "Logement · Loyer moyen d'un logement social (2021)"
    ]
    row = shown[0]
    toggle = row.find_element(By.CSS_SELECTOR, "[data-panel-toggle]")
    # The toggle lies under the row's heading, which takes the click: the heading's button is pressed.
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", toggle)
    value = row.find_element(By.CSS_SELECTOR, "input[name$='-value']")
    wait.until(EC.visibility_of(value))
    value.clear()
    value.send_keys("1234")
    save = browser.find_element(By.CSS_SELECTOR, "footer button.action-save")
    browser.execute_script("arguments[0].click();", save)
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".messages .success, .messages li.success")))
    label = "Loyer moyen d'un logement social"
    saved = site_manage(
        "shell",
        "-c",
        "from quartiers.models import QuartierPage; "
        f"page = QuartierPage.objects.get(pk={ids['planoise']}).get_latest_revision_as_object(); "
        f"print([str(i.value) for i in page.indicators.all() if i.label == {label!r}])",
    )
    assert saved.strip().splitlines()[-1] == "['1234']", saved


def test_the_preview_shows_in_the_side_panel(browser, live_site, ids):
    log_in(browser, live_site, "validation-test")
    browser.get(f"{live_site}/admin/pages/{ids['proposal']}/edit/")
    wait = WebDriverWait(browser, 15)
    wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-side-panel-toggle='preview']"))).click()
    # Wagtail replaces the frame when the preview reloads: it is looked up again until the page
    # shows inside it (a frame refused by its Content-Security-Policy stays empty).
    deadline = time.monotonic() + 30
    while True:
        try:
            browser.switch_to.default_content()
            browser.switch_to.frame(browser.find_element(By.ID, "w-preview-iframe"))
            heading = browser.find_elements(By.CSS_SELECTOR, "main h1")
            reference = browser.find_elements(By.CSS_SELECTOR, ".proposal__kicker .reference")
            if heading and reference:
                assert heading[0].text.strip()
                assert reference[0].text.endswith("P-01")
                break
        except (StaleElementReferenceException, NoSuchElementException, NoSuchFrameException):
            pass
        assert time.monotonic() < deadline, "the preview panel stayed empty"
        time.sleep(0.3)
    browser.switch_to.default_content()

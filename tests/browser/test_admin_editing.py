"""The communications team's day in a real browser: a figure found by its label among 54 and
changed, a proposal previewed in the admin's side panel, a new proposal written, previewed,
submitted and approved (issue 15)."""

import time
import urllib.request

import pytest
from selenium.common.exceptions import (
    NoSuchElementException,
    NoSuchFrameException,
    StaleElementReferenceException,
    TimeoutException,
)
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
from programme.models import AxisPage, ProposalPage
print(QuartierPage.objects.get(slug="planoise", locale__language_code="fr").pk)
print(ProposalPage.objects.get(reference="P-01", locale__language_code="fr").pk)
print(AxisPage.objects.get(slug="une-ville-rayonnante", locale__language_code="fr").pk)
"""


@pytest.fixture(scope="module")
def ids(site_manage):
    planoise, proposal, axis = site_manage("shell", "-c", ACCOUNTS).split()[-3:]
    return {"planoise": int(planoise), "proposal": int(proposal), "axis": int(axis)}


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


def preview_in_the_panel(browser, heading_text=None):
    """Opens the side panel's preview and waits until the page shows inside it; returns its h1
    and its reference (a frame refused by its Content-Security-Policy stays empty)."""
    wait = WebDriverWait(browser, 15)
    wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-side-panel-toggle='preview']"))).click()
    # Wagtail replaces the frame when the preview reloads: it is looked up again each time.
    deadline = time.monotonic() + 30
    while True:
        try:
            browser.switch_to.default_content()
            browser.switch_to.frame(browser.find_element(By.ID, "w-preview-iframe"))
            heading = browser.find_elements(By.CSS_SELECTOR, "main h1")
            reference = browser.find_elements(By.CSS_SELECTOR, ".proposal__kicker .reference")
            if heading and reference:
                shown = heading[0].text.strip(), reference[0].text.strip()
                if heading_text is None or shown[0] == heading_text:
                    break
        except (StaleElementReferenceException, NoSuchElementException, NoSuchFrameException):
            pass
        assert time.monotonic() < deadline, "the preview panel stayed empty"
        time.sleep(0.3)
    browser.switch_to.default_content()
    return shown


def test_the_preview_shows_in_the_side_panel(browser, live_site, ids):
    log_in(browser, live_site, "validation-test")
    browser.get(f"{live_site}/admin/pages/{ids['proposal']}/edit/")
    heading, reference = preview_in_the_panel(browser)
    assert heading
    assert reference.endswith("P-01")


HOME_TITLE = "Nous sommes tous Besançon"


def _checkbox(browser, title):
    return browser.find_elements(
        By.XPATH,
        f"//div[contains(@class,'modal')]//tr[.//*[normalize-space()='{title}']]//input[@data-multiple-choice-select]",
    )


def choose_several(browser, prefix, titles, browse_to=None):
    """Ticks ``titles`` in a multiple chooser's modal and confirms: one row each. The page chooser
    opens at the top of the tree: ``browse_to`` names the section it goes down to (through the
    home page) before ticking."""
    wait = WebDriverWait(browser, 15)
    browser.execute_script("arguments[0].click();", browser.find_element(By.ID, f"id_{prefix}-OPEN_MODAL"))
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".modal [data-multiple-choice-submit]")))
    for _level in range(4 if browse_to else 0):
        if _checkbox(browser, titles[0]):
            break
        # Down into the section from its row, else to the home page (breadcrumb), else down its row.
        links = (
            browser.find_elements(
                By.XPATH,
                f"//div[contains(@class,'modal')]//tr[.//*[normalize-space()='{browse_to}']]"
                "//a[contains(@class,'navigate-pages')]",
            )
            or browser.find_elements(
                By.XPATH, f"//div[contains(@class,'modal')]//a[contains(normalize-space(.), '{HOME_TITLE}')]"
            )
            or browser.find_elements(
                By.XPATH, "//div[contains(@class,'modal')]//tr//a[contains(@href, '/choose-page/')]"
            )
        )
        if not links:
            anchors = browser.find_elements(By.CSS_SELECTOR, ".modal a")
            pytest.fail(f"no way to {browse_to!r}: {[(a.text, a.get_attribute('href')) for a in anchors]}")
        browser.execute_script("arguments[0].click();", links[0])
        wait.until(EC.staleness_of(links[0]))
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".modal [data-multiple-choice-submit]")))
    for title in titles:
        try:
            box = WebDriverWait(browser, 15).until(lambda driver, title=title: _checkbox(driver, title))[0]
        except TimeoutException:
            modals = browser.find_elements(By.CSS_SELECTOR, ".modal")
            pytest.fail(f"no {title!r} to tick in: {[m.get_attribute('outerHTML')[-3000:] for m in modals]}")
        browser.execute_script("arguments[0].click();", box)
    submit = browser.find_element(By.CSS_SELECTOR, ".modal [data-multiple-choice-submit]")
    browser.execute_script("arguments[0].click();", submit)
    wait.until(
        lambda driver: (
            len(driver.find_elements(By.CSS_SELECTOR, f"#id_{prefix}-FORMS > [data-inline-panel-child]")) == len(titles)
        )
    )
    wait.until(EC.invisibility_of_element_located((By.CSS_SELECTOR, ".modal.show, .modal.in")))


def test_an_editor_writes_a_proposal_a_reviewer_approves_it(browser, live_site, ids, site_manage):
    log_in(browser, live_site, "redaction-test")
    browser.get(f"{live_site}/admin/pages/add/programme/proposalpage/{ids['axis']}/")
    wait = WebDriverWait(browser, 15)
    title = "Une navette fluviale sur le Doubs"
    wait.until(EC.visibility_of_element_located((By.ID, "id_title"))).send_keys(title)
    browser.find_element(By.ID, "id_summary").send_keys("De la gare d'eau à Casamène, toutes les vingt minutes.")
    choose_several(browser, "theme_links", ["Vie associative", "Économie et innovation"])
    choose_several(browser, "quartier_links", ["Planoise"], browse_to="Les quartiers")
    # Wagtail's autosave has seen the changes (it watches the form from 2 s after it loads): it
    # does not create the page behind the editor's back, and the page says so.
    status = WebDriverWait(browser, 20).until(EC.visibility_of_element_located((By.ID, "autosave-status")))
    assert status.text.startswith("La page n'existe pas encore : cliquez sur « Enregistrer le brouillon »")
    heading, reference = preview_in_the_panel(browser, heading_text=title)
    assert reference == "Brouillon : référence attribuée à la publication"
    submit = browser.find_element(By.CSS_SELECTOR, "button[name='action-submit']")
    browser.execute_script("arguments[0].click();", submit)
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".messages .success, .messages li.success")))

    found = site_manage(
        "shell",
        "-c",
        "from programme.models import ProposalPage; "
        f"page = ProposalPage.objects.get(title={title!r}, locale__language_code='fr'); "
        "print(page.pk, page.live, page.current_workflow_state.status)",
    )
    page_id, live, workflow = found.split()[-3:]
    assert (live, workflow) == ("False", "in_progress")

    log_in(browser, live_site, "validation-test")
    browser.get(f"{live_site}/admin/pages/{page_id}/edit/")
    approve = wait.until(
        EC.presence_of_element_located(
            (By.CSS_SELECTOR, "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])")
        )
    )
    browser.execute_script("arguments[0].click();", approve)
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".messages .success, .messages li.success")))

    published = site_manage(
        "shell",
        "-c",
        "from programme.models import ProposalPage; "
        f"page = ProposalPage.objects.get(pk={page_id}); "
        "print(page.live, page.reference, page.url, sorted(str(t.theme) for t in page.theme_links.all()), "
        "[q.quartier.title for q in page.quartier_links.all()], sep='|')",
    )
    live, reference, url, themes, quartiers = published.strip().splitlines()[-1].split("|")
    assert (live, reference) == ("True", "P-20")
    assert themes == "['Vie associative', 'Économie et innovation']"
    assert quartiers == "['Planoise']"
    # Public: its address answers, and its permanent link leads to it.
    with urllib.request.urlopen(f"{live_site}/fr/programme/P-20/", timeout=15) as response:
        assert response.url == f"{live_site}{url}"
        html = response.read().decode()
    assert title in html
    assert "P-20" in html

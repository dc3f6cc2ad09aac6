import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, WorkflowState

from home.editorial import ensure_editorial_setup
from home.models import StandardPage

pytestmark = pytest.mark.django_db

# The editors' groups, as the communications team knows them.
WRITERS, REVIEWERS, TRANSLATORS = "Rédaction", "Validation", "Traduction"


def _member(group_name):
    user = get_user_model().objects.create_user(group_name.lower(), password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_setup_is_idempotent():
    ensure_editorial_setup()
    assert Group.objects.filter(name__in=[WRITERS, REVIEWERS, TRANSLATORS]).count() == 3


@pytest.mark.parametrize(
    ("group", "can_edit", "can_publish"),
    [(WRITERS, True, False), (REVIEWERS, True, True), (TRANSLATORS, False, False)],
)
def test_group_permissions_on_pages(home_page, group, can_edit, can_publish):
    user = _member(group)
    permissions = home_page.permissions_for_user(user)
    assert permissions.can_edit() is can_edit
    assert permissions.can_publish() is can_publish
    assert user.has_perm("wagtailadmin.access_admin")


def test_every_page_goes_through_review(home_page):
    page = StandardPage.objects.get(slug="a-propos", locale__language_code="fr")
    workflow = page.get_workflow()
    assert workflow is not None and workflow.name == "Relecture"

    writer = _member(WRITERS)
    page.title = "À propos (modifié)"
    page.save_revision(user=writer)
    state = workflow.start(page, writer)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    page.refresh_from_db()
    assert page.title == "À propos"  # not published until approved

    task = state.current_task_state.task.specific
    reviewer = _member(REVIEWERS)
    assert "approve" in [action[0] for action in task.get_actions(page, reviewer)]
    assert task.get_actions(page, writer) == []
    task.on_action(state.current_task_state, reviewer, "approve")
    page.refresh_from_db()
    assert page.title == "À propos (modifié)"
    assert Page.objects.get(pk=page.pk).live

"""The communications team's groups and the moderation workflow.

« Rédaction » writes and submits, « Validation » reviews, publishes and schedules,
« Traduction » translates with wagtail-localize and submits, but cannot publish. Every page of
every tree goes through the « Relecture » workflow, approved by « Validation ». « Rédaction »
and « Validation » see what visitors search for; « Validation » pins pages to queries.
Run by ``manage.py setup_editorial`` and by ``load_demo_content``; safe to run again.
"""

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.snippets.models import get_snippet_models

WRITERS = "Rédaction"
REVIEWERS = "Validation"
TRANSLATORS = "Traduction"
WORKFLOW_NAME = "Relecture"

PAGE_PERMISSIONS = {
    WRITERS: ["add_page", "change_page"],
    REVIEWERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    TRANSLATORS: ["change_page"],
}
COLLECTION_PERMISSIONS = {
    WRITERS: ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"],
    REVIEWERS: ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"],
    TRANSLATORS: ["choose_image", "choose_document"],
}
#: What visitors search for (the « Recherches des visiteurs » report) helps those who write.
SEARCH_STATISTICS = ("search", "view_unansweredquery")
#: Pinning a page to a query shows it to every visitor at once: those who publish do it.
SEARCH_PROMOTIONS = [
    ("wagtailsearchpromotions", f"{action}_searchpromotion") for action in ("add", "change", "delete")
]
MODEL_PERMISSIONS = {
    WRITERS: [("wagtailadmin", "access_admin"), SEARCH_STATISTICS],
    REVIEWERS: [
        ("wagtailadmin", "access_admin"),
        ("wagtail_localize", "submit_translation"),
        SEARCH_STATISTICS,
        *SEARCH_PROMOTIONS,
    ],
    TRANSLATORS: [("wagtailadmin", "access_admin"), ("wagtail_localize", "submit_translation")],
}
#: What each group may do with every snippet the sections register (themes, social centres…).
SNIPPET_ACTIONS = {WRITERS: ["add", "change"], REVIEWERS: ["add", "change", "delete"], TRANSLATORS: []}


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_editorial_setup():
    root = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    groups = {}
    for name in (WRITERS, REVIEWERS, TRANSLATORS):
        group, _created = Group.objects.get_or_create(name=name)
        groups[name] = group
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=_permission("wagtailcore", codename)
            )
        for codename in COLLECTION_PERMISSIONS[name]:
            # Image permissions are checked against wagtailimages.Image, even with our own model.
            app_label = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=_permission(app_label, codename)
            )
        group.permissions.add(*(_permission(app, codename) for app, codename in MODEL_PERMISSIONS[name]))
        group.permissions.add(
            *(
                _permission(model._meta.app_label, get_permission_codename(action, model._meta))
                for model in get_snippet_models()
                for action in SNIPPET_ACTIONS[name]
            )
        )

    task, _created = GroupApprovalTask.objects.get_or_create(
        name="Validation par l'équipe Validation", defaults={"active": True}
    )
    task.groups.set([groups[REVIEWERS]])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return groups, workflow

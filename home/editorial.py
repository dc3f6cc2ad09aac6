"""The communications team's groups and the moderation workflow.

« Rédaction » writes and submits, « Validation » reviews, publishes, schedules and unpublishes,
« Traduction » translates with wagtail-localize and submits, but cannot publish, nor change what
is written in French. Every page of every tree, and every snippet, goes through the « Relecture »
workflow, approved by « Validation ». « Rédaction » and « Validation » see what visitors search
for; « Validation » pins pages to queries.

« Traduction » holds its page permission on the home page of each translated tree only (the
English and German ones), so Wagtail itself keeps it out of the French tree. Django's model
permissions cannot tell a French snippet from its translations: :func:`may_change_language` is
the one rule for those (a snippet in a language is changed by whoever may edit that language's
pages), applied by the ``before_edit_snippet`` hook of ``home/wagtail_hooks.py``.

Run by ``manage.py setup_editorial`` and by ``load_demo_content`` (after the language trees
exist); safe to run again.
"""

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail import hooks
from wagtail.models import (
    Collection,
    DraftStateMixin,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowMixin,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.snippets.models import get_snippet_models

WRITERS = "Rédaction"
REVIEWERS = "Validation"
TRANSLATORS = "Traduction"
WORKFLOW_NAME = "Relecture"

#: Page permissions on the root page: every tree, French included.
PAGE_PERMISSIONS = {
    WRITERS: ["add_page", "change_page"],
    REVIEWERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    TRANSLATORS: [],
}
#: Page permissions on the home page of each translated tree (:func:`translated_tree_roots`).
TRANSLATED_TREE_PERMISSIONS = {WRITERS: [], REVIEWERS: [], TRANSLATORS: ["change_page"]}
COLLECTION_PERMISSIONS = {
    WRITERS: ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"],
    REVIEWERS: ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"],
    TRANSLATORS: ["choose_image", "choose_document"],
}
#: What visitors search for (the « Recherches des visiteurs » report) helps those who write.
SEARCH_STATISTICS = ("search", "view_unansweredquery")
#: Pinning a page to a query shows it to every visitor at once: those who publish do it.
SEARCH_PROMOTIONS = [("wagtailsearchpromotions", f"{action}_searchpromotion") for action in ("add", "change", "delete")]
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
#: « publish » also schedules and unpublishes; « change » on a French snippet is refused to
#: « Traduction » by :func:`may_change_language`.
SNIPPET_ACTIONS = {
    WRITERS: ["add", "change"],
    REVIEWERS: ["add", "change", "delete", "publish", "lock", "unlock"],
    TRANSLATORS: ["change"],
}


#: A Wagtail hook by which a section grants the groups permissions on its own models (a
#: function returning ``{group name: [(app label, codename), …]}``): the contributions' moderation.
EDITORIAL_PERMISSIONS_HOOK = "editorial_model_permissions"


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def translated_tree_roots():
    """The home page of each tree in another language than the source one (English, German)."""
    return list(Page.objects.filter(depth=2).exclude(locale=Locale.get_default()))


def may_change_language(user, locale_id):
    """Whether ``user`` may change content written in that locale: they may edit the pages of
    that language's tree (its home page). A locale without a tree leaves the model permissions
    alone."""
    tree_root = Page.objects.filter(depth=2, locale_id=locale_id).first()
    return tree_root is None or tree_root.permissions_for_user(user).can_edit()


def _set_page_permissions(group, wanted):
    """``group``'s page permissions become exactly ``wanted`` (pairs of page, codename)."""
    wanted = {(page.pk, _permission("wagtailcore", codename).pk) for page, codename in wanted}
    for grant in GroupPagePermission.objects.filter(group=group):
        if (grant.page_id, grant.permission_id) not in wanted:
            grant.delete()
    for page_id, permission_id in wanted:
        GroupPagePermission.objects.get_or_create(group=group, page_id=page_id, permission_id=permission_id)


def ensure_live_revisions():
    """Every live snippet with drafts gets the revision it is live at, as if published in the
    admin: those saved in code (the demo loader, before drafts existed) have none, and Wagtail
    would then unpublish one until the date of a change scheduled for later."""
    for model in get_snippet_models():
        if issubclass(model, DraftStateMixin):
            for snippet in model.objects.filter(live=True, live_revision__isnull=True):
                snippet.save_revision(clean=False).publish(skip_permission_checks=True)


@transaction.atomic
def ensure_editorial_setup():
    root = Page.get_first_root_node()
    tree_roots = translated_tree_roots()
    root_collection = Collection.get_first_root_node()
    groups = {}
    for name in (WRITERS, REVIEWERS, TRANSLATORS):
        group, _created = Group.objects.get_or_create(name=name)
        groups[name] = group
        _set_page_permissions(
            group,
            [(root, codename) for codename in PAGE_PERMISSIONS[name]]
            + [(page, codename) for page in tree_roots for codename in TRANSLATED_TREE_PERMISSIONS[name]],
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

    for permissions in hooks.get_hooks(EDITORIAL_PERMISSIONS_HOOK):
        for name, pairs in permissions().items():
            groups[name].permissions.add(*(_permission(app, codename) for app, codename in pairs))

    task, _created = GroupApprovalTask.objects.get_or_create(
        name="Validation par l'équipe Validation", defaults={"active": True}
    )
    task.groups.set([groups[REVIEWERS]])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    for model in get_snippet_models():
        if issubclass(model, WorkflowMixin):
            WorkflowContentType.objects.update_or_create(
                content_type=ContentType.objects.get_for_model(model), defaults={"workflow": workflow}
            )
    ensure_live_revisions()
    return groups, workflow

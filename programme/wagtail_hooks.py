from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

from home.editorial import EDITORIAL_PERMISSIONS_HOOK, REVIEWERS
from home.panels import HOOK_NAME, HomePanel, section_index

from .models import AxisPage, ContributionStatus, ProgrammeIndexPage, ProposalPage, QuestionContribution, QuestionPage
from .queries import flagship_proposals


@hooks.register(HOOK_NAME, order=10)
def flagship_proposals_panel(page, request):
    """The programme's key numbers and « Nos propositions phares » on the home page, in the
    home page's language."""
    proposals = flagship_proposals(page.locale_id)
    if not proposals:
        return None
    counted = {"proposals": ProposalPage, "questions": QuestionPage, "axes": AxisPage}
    types = {ContentType.objects.get_for_model(model).pk: name for name, model in counted.items()}
    # The three numbers in one query: the live, public pages of the tree, by type.
    rows = (
        Page.objects.live()
        .public()
        .descendant_of(page)
        .filter(content_type_id__in=types)
        .order_by()
        .values_list("content_type_id")
        .annotate(n=Count("pk"))
    )
    key_numbers = dict.fromkeys(counted, 0) | {types[type_id]: n for type_id, n in rows}
    key_numbers["flagship"] = len(proposals)
    return HomePanel(
        "programme/includes/home_flagship_panel.html",
        {
            "flagship_proposals": proposals,
            "key_numbers": key_numbers,
            "programme_index": section_index(page, ProgrammeIndexPage, request),
        },
        stylesheets=["programme/programme.css"],
    )


class ContributionEditView(EditView):
    """Records who reviewed a contribution, and when, as its status leaves « à relire »."""

    def save_instance(self):
        contribution = self.form.instance
        if contribution.status == ContributionStatus.PENDING:
            contribution.reviewed_at, contribution.reviewed_by = None, None
        else:
            contribution.reviewed_at, contribution.reviewed_by = timezone.now(), self.request.user
        return super().save_instance()


class QuestionContributionViewSet(ModelViewSet):
    """« Contributions »: the citizens' answers to the open questions, newest first.

    A reviewer (the « Validation » group) sets one « approuvée », and it appears on the
    question's page, or « refusée »; what the citizen sent is read-only. Not a snippet: it is
    not content the editors write, and it has no drafts, translations or workflow.
    """

    model = QuestionContribution
    icon = "comment"
    menu_label = _("Contributions")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["author_name", "question", "quartier", "status", "submitted_at"]
    list_filter = ["status"]
    search_fields = ["author_name", "message"]
    ordering = ["-submitted_at"]
    edit_view_class = ContributionEditView

    def get_queryset(self, request):
        return QuestionContribution.objects.select_related("question", "quartier")


@hooks.register("register_admin_viewset")
def register_contribution_viewset():
    return QuestionContributionViewSet("contributions")


@hooks.register(EDITORIAL_PERMISSIONS_HOOK)
def contribution_permissions():
    """The « Validation » group moderates the contributions."""
    return {REVIEWERS: [("programme", "view_questioncontribution"), ("programme", "change_questioncontribution")]}

"""The programme's index page: every proposal, with exports, feeds and permalinks."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path

from home.models import SectionIndexPage


class ProgrammeIndexPage(RoutablePageMixin, SectionIndexPage):
    """« Le programme »: every proposal, filterable, exportable and followable by feed.

    Sub-URLs, translated with the tree (``flux/`` is ``feeds/`` in English): ``export/csv/`` and
    ``export/json/`` (the proposals the index's filters select, see docs/open-data.md),
    ``flux/rss/`` and ``flux/atom/`` (the same, as feeds), and ``P-07/``, the permalink of a
    proposal, which survives a change of its title or slug.
    """

    page_context = "programme.context.programme_index_page"
    subpage_types = ["programme.AxisPage"]

    class Meta:
        verbose_name = _("index du programme")
        verbose_name_plural = _("index du programme")

    @path(pgettext_lazy("URL", "export/csv/"), name="export_csv")
    def export_csv(self, request):
        from ..exports import csv_response

        return csv_response(self, request)

    @path(pgettext_lazy("URL", "export/json/"), name="export_json")
    def export_json(self, request):
        from ..exports import json_response

        return json_response(self, request)

    @path(pgettext_lazy("URL", "flux/rss/"), name="feed_rss")
    def feed_rss(self, request):
        from ..feeds import feed_response

        return feed_response(self, request, "rss")

    @path(pgettext_lazy("URL", "flux/atom/"), name="feed_atom")
    def feed_atom(self, request):
        from ..feeds import feed_response

        return feed_response(self, request, "atom")

    @re_path(r"^(?P<reference>[Pp]-\d{1,4})/$", name="permalink")
    def permalink(self, request, reference):
        """Redirect a permanent reference (``P-07``) to the proposal's current address."""
        from .proposal import ProposalPage

        proposal = (
            ProposalPage.objects.live()
            .public()
            .descendant_of(self)
            .filter(reference__iexact=reference)
            .first()
        )
        if proposal is None:
            raise Http404(_("Aucune proposition ne porte la référence %(reference)s.") % {"reference": reference})
        return redirect(proposal.get_url(request=request))

    def permalink_url(self, reference, request=None):
        return self.get_full_url(request=request) + self.reverse_subpage("permalink", args=[reference])

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
    ``flux/rss/`` and ``flux/atom/`` (the same, as feeds), ``suivi/`` (the barometer of the
    follow-up, with its feeds and status history: ``programme.follow_up``), and ``P-07/``, the permalink of a
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

    @path(pgettext_lazy("URL", "suivi/"), name="follow_up")
    def follow_up(self, request):
        """« Baromètre des engagements »: the proposals' statuses, overall and by group."""
        from ..follow_up import barometer_response

        return barometer_response(self, request)

    @path(pgettext_lazy("URL", "suivi/flux/rss/"), name="follow_up_feed_rss")
    def follow_up_feed_rss(self, request):
        from ..follow_up import follow_up_feed_response

        return follow_up_feed_response(self, request, "rss")

    @path(pgettext_lazy("URL", "suivi/flux/atom/"), name="follow_up_feed_atom")
    def follow_up_feed_atom(self, request):
        from ..follow_up import follow_up_feed_response

        return follow_up_feed_response(self, request, "atom")

    @path(pgettext_lazy("URL", "suivi/export/json/"), name="follow_up_history_json")
    def follow_up_history_json(self, request):
        """The status history of every proposal (docs/open-data.md)."""
        from ..follow_up import history_json_response

        return history_json_response(self, request)

    def get_sitemap_urls(self, request=None):
        """The index, then its barometer (the other sub-pages are exports and feeds)."""
        from home.localization import in_language_of

        urls = super().get_sitemap_urls(request)
        if urls:
            route = in_language_of(self, lambda: self.reverse_subpage("follow_up"))  # translated URL
            urls.append({**urls[0], "location": urls[0]["location"] + route})
        return urls

    @re_path(r"^(?P<reference>[Pp]-\d{1,4})/$", name="permalink")
    def permalink(self, request, reference):
        """Redirect a permanent reference (``P-07``) to the proposal's current address."""
        from .proposal import ProposalPage

        proposal = ProposalPage.objects.live().public().descendant_of(self).filter(reference__iexact=reference).first()
        if proposal is None:
            raise Http404(_("Aucune proposition ne porte la référence %(reference)s.") % {"reference": reference})
        return redirect(proposal.get_url(request=request))

    def permalink_url(self, reference, request=None):
        return self.get_full_url(request=request) + self.reverse_subpage("permalink", args=[reference])

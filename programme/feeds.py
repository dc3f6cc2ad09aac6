"""RSS and Atom feeds of the proposals, new and updated, for the whole programme or filtered.

``/fr/programme/flux/atom/`` (or ``flux/rss/``) takes the index's filters: ``?theme=culture-et-
patrimoine``, ``?quartier=planoise``, ``?axe=…``, ``?lieu=…``, ``?phare=oui``. Items are the live
proposals and open questions, most recently published first (an open question's title and
category say « Question ouverte », a proposal's category « Proposition »); an item's date is its
last publication, so an updated proposal rises to the top. ``home.feeds.feed_links`` gives the
``<link rel="alternate">`` of each page.
"""

import datetime

from django.conf import settings
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from home.feeds import SiteFeed, feed_url

from .exports import bad_filter_response
from .listing import ProposalListing
from .models import QuestionPage


class ProposalFeed(SiteFeed):
    """A feed of the proposals a ``ProposalListing`` selects."""

    def title(self, listing):
        return feed_title(listing)

    def link(self, listing):
        return listing.index.get_url(request=self.request) + listing.query_string()

    def feed_url(self, listing):
        return feed_url(listing.index, self.kind, self.request, listing.query_string())

    def description(self, listing):
        return listing.index.summary or feed_title(listing)

    def items(self, listing):
        """The ``FEED_MAX_ITEMS`` most recently published (a feed is read for what is new: its
        cost and size stay the same as the programme grows); kept per generation."""
        return listing.cached("feed-items", lambda: latest_items(listing), settings.FEED_MAX_ITEMS)

    def item_title(self, item):
        if is_question(item):
            return f"{_('Question ouverte')} — {item.title}"
        return f"{item.reference} — {item.title}"

    def item_pubdate(self, item):
        # RSS has a single date: the last publication, so an update reaches readers. Atom has
        # both: ``published`` (first publication) and ``updated`` (last).
        if self.kind == "atom":
            return item.first_published_at
        return item.last_published_at or item.first_published_at

    def item_categories(self, item):
        kind = _("Question ouverte") if is_question(item) else _("Proposition")
        return [kind, *(theme.name for theme in item.themes)]


def latest_items(listing):
    """The ``FEED_MAX_ITEMS`` proposals and open questions of ``listing`` last published."""
    published = Coalesce("last_published_at", "first_published_at").desc(nulls_last=True)
    latest = listing.proposals().order_by(published, "-reference")[: settings.FEED_MAX_ITEMS]
    questions = listing.questions().order_by(published)
    items = [
        *listing.decorated_proposals(None, latest, with_timeline=False),
        *listing.decorated_questions(None, questions[: settings.FEED_MAX_ITEMS]),
    ]
    items.sort(key=_published, reverse=True)
    return items[: settings.FEED_MAX_ITEMS]


def _published(item):
    """When ``item`` was last published; a live page with no date (made by a script or an import
    rather than published from the admin) comes last, on every database."""
    return item.last_published_at or item.first_published_at or datetime.datetime.min.replace(tzinfo=datetime.UTC)


def is_question(item):
    return isinstance(item, QuestionPage)


def feed_title(listing):
    parts = [option.label for _facet, option in listing.active_filters]
    base = _("Propositions — Nous sommes tous Besançon")
    return f"{base} ({', '.join(str(p) for p in parts)})" if parts else base


def feed_response(index, request, kind):
    listing = ProposalListing(index, request.GET)
    if listing.errors:
        return bad_filter_response(listing)
    return ProposalFeed(listing, kind)(request)

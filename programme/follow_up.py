"""The follow-up of the programme as visitors see it: the barometer, the status history, its feeds.

- ``suivi/`` (« Baromètre des engagements »): how many proposals are in each status, overall and
  per axis, theme and quartier, for the proposals the index's filters select (``?statut=…`` too);
- ``suivi/flux/atom/`` and ``suivi/flux/rss/``: the status changes and the milestones reached, with
  the same filters and ``?proposition=P-04`` for one proposal (« suivre cette proposition »);
- ``suivi/export/json/``: the status history of every proposal.

Everything is read from published versions only: a status change is a published revision whose
status differs from the one before (``PageLogEntry`` of publication, as ``programme.history``),
and milestones are the rows of the live pages. A draft or a revision waiting for review never
shows. The number of SQL queries does not depend on the number of proposals or milestones.
"""

import datetime
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import PageLogEntry

from home import opendata
from home.feeds import SiteFeed

from .exports import bad_filter_response, date_or_none, proposal_chunks
from .history import PUBLISH_ACTIONS, status_label
from .listing import ProposalListing
from .models import ProposalStatus

STATUSES = [value for value, _label in ProposalStatus.choices]


# -- the status history --------------------------------------------------------------------------


@dataclass
class StatusChange:
    proposal: object
    published_at: datetime.datetime
    status: str
    status_date: object
    justification: str
    revision_id: int

    @property
    def status_label(self):
        return status_label(self.status)


def _revision_date(value):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def status_changes(proposals):
    """``{proposal pk: [StatusChange, …]}``, oldest first: the first publication, then each
    published version whose status differs from the previous one. One query."""
    by_pk = {proposal.pk: proposal for proposal in proposals}
    entries = (
        PageLogEntry.objects.filter(page_id__in=list(by_pk), action__in=PUBLISH_ACTIONS, revision__isnull=False)
        .select_related("revision")
        .order_by("timestamp", "pk")
    )
    versions = defaultdict(list)
    seen = set()
    for entry in entries:
        if entry.revision_id in seen:
            continue
        seen.add(entry.revision_id)
        content = entry.revision.content or {}
        versions[entry.page_id].append(
            (
                entry.timestamp,
                content.get("status") or ProposalStatus.UNDER_STUDY,
                _revision_date(content.get("status_date")),
                content.get("status_justification") or "",
                entry.revision_id,
            )
        )
    changes = {}
    for pk, proposal in by_pk.items():
        published = versions[pk]
        if proposal.live_revision_id and proposal.live_revision_id not in seen:
            # Published without a log entry (a data migration): the live fields are that version.
            published.append(
                (
                    proposal.last_published_at or proposal.first_published_at,
                    proposal.status,
                    proposal.status_date,
                    proposal.status_justification,
                    proposal.live_revision_id,
                )
            )
        result, previous = [], None
        for published_at, status, status_date, justification, revision_id in published:
            if status != previous:
                result.append(StatusChange(proposal, published_at, status, status_date, justification, revision_id))
            previous = status
        changes[pk] = result
    return changes


# -- the barometer --------------------------------------------------------------------------------


@dataclass
class CountRow:
    label: str
    counts: list  # one number per status, in STATUSES order
    total: int
    query_string: str = ""


def _row(label, proposals, query_string=""):
    counts = [sum(1 for p in proposals if p.status == status) for status in STATUSES]
    return CountRow(str(label), counts, len(proposals), query_string)


def barometer(listing, proposals):
    """The counts per status of ``proposals`` (a listing's selection), overall and by group."""
    by_axis, by_theme, by_quartier = defaultdict(list), defaultdict(list), defaultdict(list)
    for proposal in proposals:
        if proposal.axis is not None:
            by_axis[proposal.axis.pk].append(proposal)
        for theme in proposal.themes:
            by_theme[theme.slug].append(proposal)
        for quartier in proposal.quartiers:
            by_quartier[quartier.slug].append(proposal)
    axes = [option for option in listing.facets["axe"].options]
    themes = sorted({t.slug: t for p in proposals for t in p.themes}.values(), key=lambda t: _sort_key_of(t.name))
    quartiers = sorted(
        {q.slug: q for p in proposals for q in p.quartiers}.values(), key=lambda q: _sort_key_of(q.title)
    )
    overall = _row(_("Toutes les propositions"), proposals)
    maximum = max(overall.counts, default=0) or 1
    return {
        "statuses": [{"value": value, "label": label} for value, label in ProposalStatus.choices],
        "overall": overall,
        "chart": [
            {
                "value": value,
                "label": str(label),
                "count": count,
                "y": 8 + index * 34,
                "width": round(360 * count / maximum, 1),
                "text_x": 232 + round(360 * count / maximum, 1),
            }
            for index, ((value, label), count) in enumerate(zip(ProposalStatus.choices, overall.counts, strict=True))
        ],
        "chart_height": 16 + len(STATUSES) * 34,
        "groups": [
            {
                "key": "axes",
                "title": _("Par axe"),
                "heading": _("Axe"),
                "rows": [
                    _row(option.label, by_axis[option.obj.pk], listing.query_string(axe=option.value))
                    for option in axes
                    if by_axis[option.obj.pk]
                ],
            },
            {
                "key": "themes",
                "title": _("Par thème"),
                "heading": _("Thème"),
                "rows": [_row(t.name, by_theme[t.slug], listing.query_string(theme=t.slug)) for t in themes],
            },
            {
                "key": "quartiers",
                "title": _("Par quartier"),
                "heading": _("Quartier"),
                "rows": [_row(q.title, by_quartier[q.slug], listing.query_string(quartier=q.slug)) for q in quartiers],
            },
        ],
        "updated_at": max((p.last_published_at for p in proposals if p.last_published_at), default=None),
    }


def _sort_key_of(label):
    """Alphabetical order that ignores accents, as the filters' options."""
    return unicodedata.normalize("NFKD", str(label)).encode("ascii", "ignore").decode().casefold()


def barometer_response(index, request):
    """The barometer page; its filters are the index's (an unknown value is said and ignored)."""
    context = index.get_context(request)
    context.update(barometer(context["listing"], context["proposals"]))
    context.update(
        {
            "subpage_title": _("Baromètre des engagements"),
            "canonical_url": index.get_full_url(request=request) + index.reverse_subpage("follow_up"),
        }
    )
    return TemplateResponse(request, "programme/follow_up.html", context)


# -- feeds ----------------------------------------------------------------------------------------


@dataclass
class FeedItem:
    proposal: object
    kind: str  # "status" or "milestone"
    date: datetime.datetime
    title: str
    description: str
    anchor: str


def _as_datetime(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def followed(listing):
    """``(proposals, status changes)`` of the listing's selection, decorated, per generation (a
    status changes by a publish, which moves it on)."""

    def build():
        proposals = listing.decorated_proposals()
        return proposals, status_changes(proposals)

    return listing.cached("follow-up", build)


def follow_up_items(proposals, changes=None):
    """The status changes (``status_changes(proposals)`` unless given) and reached milestones
    of ``proposals``, most recent first."""
    items = []
    changes = status_changes(proposals) if changes is None else changes
    by_pk = {proposal.pk for proposal in proposals}
    for pk, proposal_changes in changes.items():
        if pk not in by_pk:
            continue
        for change in proposal_changes:
            proposal = change.proposal
            items.append(
                FeedItem(
                    proposal,
                    "status",
                    change.published_at,
                    _("%(reference)s — statut : %(status)s")
                    % {"reference": proposal.reference, "status": change.status_label},
                    change.justification,
                    f"statut-{change.revision_id}",
                )
            )
    for proposal in proposals:
        for milestone in proposal.timeline:
            if milestone.is_done:
                items.append(
                    FeedItem(
                        proposal,
                        "milestone",
                        _as_datetime(milestone.actual_date),
                        _("%(reference)s — étape franchie : %(title)s")
                        % {"reference": proposal.reference, "title": milestone.title},
                        milestone.text,
                        f"etape-{milestone.pk}",
                    )
                )
    return sorted(items, key=lambda item: (item.date, item.anchor), reverse=True)


class FollowUpFeed(SiteFeed):
    """A feed of the follow-up of the proposals a listing selects (or of one proposal)."""

    def __init__(self, listing, proposals, kind, title, changes=None):
        super().__init__(listing, kind)
        self.proposals = proposals
        self.changes = changes
        self.feed_title = title

    def title(self, listing):
        return self.feed_title

    def link(self, listing):
        return listing.index.get_url(request=self.request) + listing.index.reverse_subpage("follow_up")

    def description(self, listing):
        return _("Les changements de statut et les étapes franchies des propositions, avec leur justification.")

    def items(self, listing):
        """The ``FEED_MAX_ITEMS`` most recent, as the programme's feed (a feed is read for what is new)."""
        return follow_up_items(self.proposals, self.changes)[: settings.FEED_MAX_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return f"{item.proposal.get_url(request=self.request)}#suivi"

    def item_guid(self, item):
        return f"{item.proposal.get_full_url(request=self.request)}#{item.anchor}"

    def item_pubdate(self, item):
        return item.date

    def item_updateddate(self, item):
        return item.date


def follow_up_feed_response(index, request, kind):
    listing = ProposalListing(index, request.GET)
    if listing.errors:
        return bad_filter_response(listing)
    proposals, changes = followed(listing)
    parts = [str(option.label) for _facet, option in listing.active_filters]
    reference = (request.GET.get("proposition") or "").strip().upper()[:10]
    if reference:
        proposals = [p for p in proposals if p.reference == reference]
        if not proposals:
            return HttpResponse(
                _("Aucune proposition publiée ne porte la référence « %(reference)s ».") % {"reference": reference}
                + "\n",
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        parts.append(f"{reference} {proposals[0].title}")
    base = _("Suivi des propositions — Nous sommes tous Besançon")
    title = f"{base} ({', '.join(parts)})" if parts else base
    return FollowUpFeed(listing, proposals, kind, title, changes)(request)


# -- the status history export --------------------------------------------------------------------


def history_json_response(index, request):
    """Every published status of every proposal the filters select, with its justification
    (streamed, the proposals read in chunks as for the programme's exports)."""
    listing = ProposalListing(index, request.GET)
    if listing.errors:
        return bad_filter_response(listing)
    count, chunks = proposal_chunks(listing, request, count=True)

    def records():
        for proposals in chunks:
            changes = status_changes(proposals)  # one query per chunk
            for proposal in proposals:
                yield {
                    "reference": proposal.reference,
                    "title": proposal.title,
                    "url": proposal.get_full_url(request=request),
                    "status": proposal.status,
                    "statuses": [
                        {
                            "status": change.status,
                            "status_label": change.status_label,
                            "status_date": change.status_date.isoformat() if change.status_date else None,
                            "justification": change.justification,
                            "published_at": date_or_none(change.published_at),
                        }
                        for change in changes[proposal.pk]
                    ],
                }

    return opendata.json_stream_response(
        {
            "source": index.get_full_url(request=request) + index.reverse_subpage("follow_up"),
            "language": index.locale.language_code,
            "filters": {name: option.value for name, option in listing.selected.items()},
            "statuses": {value: str(label) for value, label in ProposalStatus.choices},
            "count": count,
        },
        "proposals",
        records(),
    )

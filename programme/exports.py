"""CSV and JSON exports of the live proposals (documented in docs/open-data.md).

Both take the programme index's filters (``?axe=…&theme=…&quartier=…&lieu=…&phare=…``), so the
export of a filtered index holds exactly what the index shows. An unknown filter value gets a
400 answer that says which value is wrong, never an export of everything.
"""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from home import opendata

from .listing import ProposalListing

COLUMNS = [
    "reference",
    "title",
    "summary",
    "axis",
    "themes",
    "quartiers",
    "places",
    "flagship",
    "url",
    "first_published_at",
    "last_published_at",
]
LIST_SEPARATOR = " | "


def _date(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def proposal_records(listing, request):
    """One dict per selected proposal, with the linked objects as dicts."""
    records = []
    for proposal in listing.decorated_proposals(request):
        records.append(
            {
                "reference": proposal.reference,
                "title": proposal.title,
                "summary": proposal.summary,
                "axis": {"slug": proposal.axis.slug, "title": proposal.axis.title} if proposal.axis else None,
                "themes": [{"slug": theme.slug, "name": theme.name} for theme in proposal.themes],
                "quartiers": [
                    {"slug": q.slug, "title": q.title, "url": q.get_full_url(request=request)}
                    for q in proposal.quartiers
                ],
                "places": [
                    {"slug": p.slug, "title": p.title, "url": p.get_full_url(request=request)}
                    for p in proposal.places
                ],
                "flagship": proposal.flagship,
                "url": proposal.get_full_url(request=request),
                "first_published_at": _date(proposal.first_published_at),
                "last_published_at": _date(proposal.last_published_at),
            }
        )
    return records


def bad_filter_response(listing):
    """The 400 answer to unknown filter values: the errors of the listing's ``ProposalFilterForm``."""
    message = "\n".join(
        [
            _("Filtre refusé :"),
            *[str(error) for error in listing.errors],
            _("Voir docs/open-data.md pour les valeurs permises."),
        ]
    )
    return HttpResponse(message + "\n", status=400, content_type="text/plain; charset=utf-8")


def csv_response(index, request):
    listing = ProposalListing(index, request.GET)
    if listing.errors:
        return bad_filter_response(listing)
    rows = (
        {
            **record,
            "axis": record["axis"]["title"] if record["axis"] else "",
            "themes": LIST_SEPARATOR.join(theme["name"] for theme in record["themes"]),
            "quartiers": LIST_SEPARATOR.join(q["title"] for q in record["quartiers"]),
            "places": LIST_SEPARATOR.join(p["title"] for p in record["places"]),
            "flagship": "true" if record["flagship"] else "false",
            "first_published_at": record["first_published_at"] or "",
            "last_published_at": record["last_published_at"] or "",
        }
        for record in proposal_records(listing, request)
    )
    return opendata.csv_response(COLUMNS, rows, "propositions.csv")


def json_response(index, request):
    listing = ProposalListing(index, request.GET)
    if listing.errors:
        return bad_filter_response(listing)
    records = proposal_records(listing, request)
    return opendata.json_response(
        {
            "source": index.get_full_url(request=request),
            "language": index.locale.language_code,
            "filters": {name: option.value for name, option in listing.selected.items()},
            "count": len(records),
            "proposals": records,
        }
    )

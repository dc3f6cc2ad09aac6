"""CSV and JSON exports of the live proposals and open questions (documented in docs/open-data.md).

Each row says its ``type``: ``proposal`` or ``open-question`` (an open question has no reference,
no follow-up status and is never flagship: those columns are empty), proposals first.

Both take the programme index's filters (``?axe=…&theme=…&quartier=…&lieu=…&phare=…``), so the
export of a filtered index holds exactly what the index shows. An unknown filter value gets a
400 answer that says which value is wrong, never an export of everything.
"""

from itertools import chain

from django.db.models import Count, Window
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from home import opendata

from .listing import ProposalListing
from .models import QuestionPage

PROPOSAL = "proposal"
OPEN_QUESTION = "open-question"

COLUMNS = [
    "type",
    "reference",
    "title",
    "summary",
    "axis",
    "themes",
    "quartiers",
    "places",
    "flagship",
    "status",
    "status_label",
    "status_date",
    "status_justification",
    "progress_value",
    "progress_target",
    "progress_unit",
    "milestones",
    "url",
    "first_published_at",
    "last_published_at",
]
LIST_SEPARATOR = " | "
# Proposals (and open questions) are read this many at a time: one query and its prefetches per
# chunk, and no more of them in memory at once.
CHUNK_SIZE = 100


def date_or_none(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


_date = date_or_none


def _day(value):
    return value.isoformat() if value else None


def _number(value):
    """A decimal as a JSON number: an integer when it has no fraction (3, not "3.00")."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def milestone_record(milestone, request):
    return {
        "title": milestone.title,
        "text": milestone.text,
        "planned_date": _day(milestone.planned_date),
        "actual_date": _day(milestone.actual_date),
        "done": milestone.is_done,
        "evidence_url": milestone.evidence_url or None,
        "evidence_document": (
            request.build_absolute_uri(milestone.evidence_document.url) if milestone.evidence_document else None
        ),
    }


def milestone_text(record):
    """A milestone in one CSV cell: « 2026-03-01 Titre (réalisée) » or « (prévue) »."""
    date = record["actual_date"] or record["planned_date"] or ""
    state = _("réalisée") if record["done"] else _("prévue")
    return f"{date} {record['title']} ({state})".strip()


def _chunks(queryset, decorate, count=False, keep=None, name=""):
    """``decorate(page)`` for each page of ``CHUNK_SIZE`` objects of ``queryset`` (in path order),
    as lists, read as they are asked for: keyset pages (``path > last``), so that each page costs
    the same (one query and its prefetches). With ``count``, the first page's objects carry
    ``total``, the number of objects in all pages (a window count: no query of its own).

    With ``keep`` (``ProposalListing.cached``), each page is kept per generation under ``name``
    and its first path: an export asked again reads no query, and still holds one page at a time."""
    page = queryset.annotate(total=Window(Count("pk"))) if count else queryset
    after = ""
    while True:

        def read(page=page):
            objects = decorate(page[:CHUNK_SIZE])
            _release(objects)  # decorated: the prefetched link rows are read, not needed any more
            return objects

        objects = keep(f"export-{name}", read, count, after) if keep else read()
        yield objects
        if len(objects) < CHUNK_SIZE:
            return
        after = objects[-1].path
        page = queryset.filter(path__gt=after)
        del objects  # the page read is let go before the next is read


def _release(objects):
    """Break the cycles a prefetch makes (a page → its link rows → the page), so that a chunk
    read is freed at once rather than at the garbage collector's next full pass."""
    for obj in objects:
        for link in getattr(obj, "_prefetched_objects_cache", {}).values():
            for row in link:
                row._state.fields_cache.clear()
        obj._prefetched_objects_cache = {}


def _counted(chunks):
    """The number of objects in ``chunks`` (from its first page's window count), and the chunks."""
    first = next(chunks)
    return (first[0].total if first else 0), chain([first], chunks)


def proposal_chunks(listing, request, count=False):
    """``(number or None, chunks)``: the selected proposals, decorated, in chunks (with their
    number when ``count``: then the first chunk is read at once)."""
    # The body (a StreamField, most of a proposal's weight) is in no export.
    proposals = _chunks(
        listing.proposals().defer("body"),
        lambda page: listing.decorated_proposals(request, page),
        count,
        listing.cached,
        "proposals",
    )
    return _counted(proposals) if count else (None, proposals)


def selected_chunks(listing, request, count=False):
    """``(number or None, chunks)``: the selected proposals then open questions, as
    ``proposal_chunks``."""
    proposal_count, proposals = proposal_chunks(listing, request, count)
    questions = _chunks(
        listing.questions().order_by("path"),
        lambda page: listing.decorated_questions(request, page),
        count,
        listing.cached,
        "questions",
    )
    if not count:
        return None, chain(proposals, questions)
    question_count, questions = _counted(questions)
    return proposal_count + question_count, chain(proposals, questions)


def proposal_records(listing, request, count=False):
    """``(number or None, records)``: one dict per selected proposal, then per open question,
    with the linked objects as dicts; the records are made as they are read."""
    total, chunks = selected_chunks(listing, request, count)
    return total, (_record(item, request) for chunk in chunks for item in chunk)


def _record(item, request):
    return question_record(item, request) if isinstance(item, QuestionPage) else proposal_record(item, request)


def _links(page, request):
    """A decorated proposal's or open question's axis, themes, quartiers and places, as the
    exports write them (in their columns' order)."""
    return {
        "axis": {"slug": page.axis.slug, "title": page.axis.title} if page.axis else None,
        "themes": [{"slug": theme.slug, "name": theme.name} for theme in page.themes],
        "quartiers": [
            {"slug": q.slug, "title": q.title, "url": q.get_full_url(request=request)} for q in page.quartiers
        ],
        "places": [{"slug": p.slug, "title": p.title, "url": p.get_full_url(request=request)} for p in page.places],
    }


def proposal_record(proposal, request):
    return {
        "type": PROPOSAL,
        "reference": proposal.reference,
        "title": proposal.title,
        "summary": proposal.summary,
        **_links(proposal, request),
        "flagship": proposal.flagship,
        "status": proposal.status,
        "status_label": proposal.status_label,
        "status_date": _day(proposal.status_date),
        "status_justification": proposal.status_justification,
        "progress_value": _number(proposal.progress_value),
        "progress_target": _number(proposal.progress_target),
        "progress_unit": proposal.progress_unit or None,
        "milestones": [milestone_record(m, request) for m in proposal.timeline],
        "url": proposal.get_full_url(request=request),
        "first_published_at": _date(proposal.first_published_at),
        "last_published_at": _date(proposal.last_published_at),
    }


def question_record(question, request):
    """An open question in the columns of a proposal: no reference, status, progress nor milestone."""
    return {
        "type": OPEN_QUESTION,
        "reference": None,
        "title": question.title,
        "summary": question.summary,
        **_links(question, request),
        "flagship": False,
        "status": None,
        "status_label": None,
        "status_date": None,
        "status_justification": None,
        "progress_value": None,
        "progress_target": None,
        "progress_unit": None,
        "milestones": [],
        "url": question.get_full_url(request=request),
        "first_published_at": _date(question.first_published_at),
        "last_published_at": _date(question.last_published_at),
    }


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
            "reference": record["reference"] or "",
            "status": record["status"] or "",
            "status_label": record["status_label"] or "",
            "status_justification": record["status_justification"] or "",
            "axis": record["axis"]["title"] if record["axis"] else "",
            "themes": LIST_SEPARATOR.join(theme["name"] for theme in record["themes"]),
            "quartiers": LIST_SEPARATOR.join(q["title"] for q in record["quartiers"]),
            "places": LIST_SEPARATOR.join(p["title"] for p in record["places"]),
            "flagship": "true" if record["flagship"] else "false",
            "status_date": record["status_date"] or "",
            "progress_value": "" if record["progress_value"] is None else record["progress_value"],
            "progress_target": "" if record["progress_target"] is None else record["progress_target"],
            "progress_unit": record["progress_unit"] or "",
            "milestones": LIST_SEPARATOR.join(milestone_text(m) for m in record["milestones"]),
            "first_published_at": record["first_published_at"] or "",
            "last_published_at": record["last_published_at"] or "",
        }
        for record in proposal_records(listing, request)[1]
    )
    return opendata.csv_response(COLUMNS, rows, "propositions.csv")


def json_response(index, request):
    listing = ProposalListing(index, request.GET)
    if listing.errors:
        return bad_filter_response(listing)
    count, records = proposal_records(listing, request, count=True)
    return opendata.json_stream_response(
        {
            "source": index.get_full_url(request=request),
            "language": index.locale.language_code,
            "filters": {name: option.value for name, option in listing.selected.items()},
            "count": count,
        },
        "proposals",
        records,
    )

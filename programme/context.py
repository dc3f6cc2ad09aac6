"""What the programme's page templates show beyond the page itself (``BasePage.page_context``)."""

from django.utils.http import urlencode

from home.cache import cached_for_page, page_parent
from home.pagination import CachedListing, paginate

from .contributions import contribution_form
from .listing import ProposalListing
from .models import ProposalPage, QuestionContribution, QuestionPage, timeline
from .queries import decorate_proposals, linked_pages, programme_index_of, related_proposals


def programme_index_page(page, request):
    listing = ProposalListing(page, request.GET if request is not None else {})
    # One page of proposals is fetched and decorated, not all of them (the cost stays flat).
    listing_page = paginate(request, listing.paged_proposals())
    return {
        "listing": listing,
        "listing_page": listing_page,
        "proposals": listing_page.items,
        "questions": listing.cached("questions", lambda: list(listing.questions())),
    }


def shared(name, build, page, request):
    """``build()`` for ``page``, once per generation and language (``home.cache.cached_for_page``):
    what a page shows of other pages, read from the same live, public querysets as before."""
    return cached_for_page(f"programme-{name}", build, page, request)


def axis_page(page, request):
    listing = CachedListing(
        "programme-axis-proposals",
        lambda: ProposalPage.objects.live().public().child_of(page).order_by("path"),
        lambda proposals: decorate_proposals(proposals, page.locale_id),
        page.pk,
    )
    listing_page = paginate(request, listing)
    return {
        "listing_page": listing_page,
        "proposals": listing_page.items,
        **shared("axis", lambda: _axis_data(page, request), page, request),
    }


def _axis_data(page, request):
    return {
        "questions": list(QuestionPage.objects.live().public().child_of(page).order_by("path")),
        "programme_index": programme_index_of(page, request),
    }


def proposal_page(page, request):
    context = shared("proposal", lambda: _proposal_data(page, request), page, request)
    index = context["programme_index"]
    if index is not None and page.reference:
        context["permalink"] = index.permalink_url(page.reference, request=request)
    else:
        context["permalink"] = page.get_full_url(request=request)
    context.update(follow_up_links(page, index, request))
    return context


def _proposal_data(page, request):
    context = linked_pages(page, request)
    context["axis"] = page_parent(page, request)
    context["related_proposals"] = related_proposals(page, request)
    context["programme_index"] = programme_index_of(page, request)
    milestones = timeline(page.milestones.select_related("photo", "evidence_document"))
    dates = [page.follow_up_date, *(m.actual_date for m in milestones if m.actual_date)]
    context["timeline"] = milestones
    context["follow_up_updated"] = max((d for d in dates if d), default=None)
    return context


def follow_up_links(page, index, request):
    """The proposal's follow-up feeds and the barometer's address."""
    context = {}
    if index is not None and page.reference:
        base = index.get_url(request=request)
        query = "?" + urlencode({"proposition": page.reference})
        context["follow_up_feeds"] = {
            kind: base + index.reverse_subpage(f"follow_up_feed_{kind}") + query for kind in ("atom", "rss")
        }
        context["barometer_url"] = base + index.reverse_subpage("follow_up")
    return context


def question_page(page, request):
    context = shared("question", lambda: _question_data(page, request), page, request)
    # Not cached: approving a contribution publishes nothing (the generation does not move).
    context["contributions"] = list(QuestionContribution.published_for(page))
    context["contribution_form"] = contribution_form(page)
    context["contribution_thanks"] = request is not None and request.GET.get("contribution") == "merci"
    return context


def _question_data(page, request):
    context = linked_pages(page, request)
    context["axis"] = page_parent(page, request)
    context["programme_index"] = programme_index_of(page, request)
    return context

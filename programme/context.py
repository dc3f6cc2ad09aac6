"""What the programme's page templates show beyond the page itself (``BasePage.page_context``)."""

from django.utils.http import urlencode

from home.pagination import paginate

from .contributions import contribution_form
from .listing import ProposalListing
from .models import ProgrammeIndexPage, ProposalPage, QuestionContribution, QuestionPage, timeline
from .queries import decorate_proposals, linked_pages, programme_index_of, related_proposals


def programme_index_page(page, request):
    listing = ProposalListing(page, request.GET if request is not None else {})
    # One page of proposals is fetched and decorated, not all of them (the cost stays flat).
    listing_page = paginate(request, listing.proposals())
    listing_page.items = listing.decorated_proposals(request, listing_page.items)
    return {
        "listing": listing,
        "listing_page": listing_page,
        "proposals": listing_page.items,
        "questions": list(listing.questions()),
    }


def axis_page(page, request):
    listing_page = paginate(request, ProposalPage.objects.live().public().child_of(page).order_by("path"))
    return {
        "listing_page": listing_page,
        "proposals": decorate_proposals(listing_page.items, page.locale),
        "questions": QuestionPage.objects.live().public().child_of(page).order_by("path"),
        "programme_index": ProgrammeIndexPage.objects.ancestor_of(page).first(),
    }


def proposal_page(page, request):
    index = programme_index_of(page)
    context = linked_pages(page)
    context["axis"] = page.get_parent().specific
    context["related_proposals"] = related_proposals(page)
    context["programme_index"] = index
    if index is not None and page.reference:
        context["permalink"] = index.permalink_url(page.reference, request=request)
    else:
        context["permalink"] = page.get_full_url(request=request)
    context.update(follow_up(page, index, request))
    return context


def follow_up(page, index, request):
    """The proposal's milestones in order, the date of its follow-up's last change, its feeds."""
    milestones = timeline(page.milestones.select_related("photo", "evidence_document"))
    dates = [page.follow_up_date, *(m.actual_date for m in milestones if m.actual_date)]
    context = {"timeline": milestones, "follow_up_updated": max((d for d in dates if d), default=None)}
    if index is not None and page.reference:
        base = index.get_url(request=request)
        query = "?" + urlencode({"proposition": page.reference})
        context["follow_up_feeds"] = {
            kind: base + index.reverse_subpage(f"follow_up_feed_{kind}") + query for kind in ("atom", "rss")
        }
        context["barometer_url"] = base + index.reverse_subpage("follow_up")
    return context


def question_page(page, request):
    context = linked_pages(page)
    context["axis"] = page.get_parent().specific
    context["programme_index"] = programme_index_of(page)
    context["contributions"] = list(QuestionContribution.published_for(page))
    context["contribution_form"] = contribution_form(page)
    context["contribution_thanks"] = request is not None and request.GET.get("contribution") == "merci"
    return context

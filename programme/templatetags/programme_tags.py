"""Template tags of the programme, some of them for other sections' templates.

- ``{% programme_feed_links page %}`` in the ``extra_head`` block: the ``<link rel="alternate">``
  of the proposal feeds that belong to ``page`` (the whole programme; for a quartier, place,
  axis or proposal page, also its own filtered feeds).
- ``{% proposals_concerning page as proposals %}`` / ``{% questions_concerning page as questions %}``:
  the live proposals / open questions that concern a quartier or cultural place page.
- ``{% quartier_follow_up page proposals %}`` (``proposals`` from ``{% proposals_for_quartier page %}``):
  a quartier's proposals with their status, next to the quartier's figures they aim to move.
"""

from django import template
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.models import Locale

from culture.models import CulturalPlacePage
from home.cache import cached, home_child
from home.feeds import FEED_MIME_TYPES, feed_links
from programme import queries
from programme.models import AxisPage, ProgrammeIndexPage, ProposalPage
from quartiers.models import QuartierPage

register = template.Library()
KIND_LABELS = {"atom": "Atom", "rss": "RSS"}


def _programme_index(page, request=None):
    """The live programme index in ``page``'s language (else the default one), per generation."""
    if isinstance(page, ProgrammeIndexPage) and page.live:
        return page  # the programme index itself: no query
    locale_id = getattr(page, "locale_id", None)
    return cached("programme-index-of-locale", lambda: _find_programme_index(locale_id, request), locale_id)


def _find_programme_index(locale_id, request=None):
    """The home page's child of that language when routing read it (no query), else the first."""
    found = home_child(request, ProgrammeIndexPage, locale_id) if request is not None else None
    if found is not None:
        return found
    indexes = ProgrammeIndexPage.objects.live()
    if locale_id is not None:
        found = indexes.filter(locale_id=locale_id).first()
        if found is not None:
            return found
    return indexes.filter(locale=Locale.get_default()).first()


def _feeds_for(page, listing=None, themes=()):
    """``(title, filters)`` of each feed that belongs to ``page``."""
    feeds = [(_("Toutes les propositions"), {})]
    if isinstance(page, ProgrammeIndexPage) and listing is not None and listing.is_filtered:
        labels = ", ".join(str(option.label) for _facet, option in listing.active_filters)
        filters = {name: option.value for name, option in listing.selected.items()}
        feeds.append((_("Propositions : %(filters)s") % {"filters": labels}, filters))
    elif isinstance(page, AxisPage):
        feeds.append((_("Propositions de l'axe « %(axis)s »") % {"axis": page.title}, {"axe": page.slug}))
    elif isinstance(page, QuartierPage):
        feeds.append((_("Propositions pour le quartier %(name)s") % {"name": page.title}, {"quartier": page.slug}))
    elif isinstance(page, CulturalPlacePage):
        feeds.append((_("Propositions pour le lieu « %(name)s »") % {"name": page.title}, {"lieu": page.slug}))
    elif isinstance(page, ProposalPage):
        for theme in themes:
            feeds.append((_("Propositions du thème « %(theme)s »") % {"theme": theme.name}, {"theme": theme.slug}))
    return feeds


@register.inclusion_tag("programme/includes/feed_links.html", takes_context=True)
def programme_feed_links(context, page=None, listing=None):
    page = page or context.get("page")
    request = context.get("request")
    index = context.get("programme_index") or _programme_index(page, request)
    links = []
    for title, filters in _feeds_for(page, listing, context.get("themes") or ()):
        for link in feed_links(index, request, **filters):
            links.append({**link, "title": f"{title} ({KIND_LABELS[link['kind']]})"})
    links.extend(_follow_up_feed_links(page, index, request))
    return {"feed_links": links}


def _follow_up_feed_links(page, index, request):
    """The feeds of the follow-up (status changes, milestones) that belong to ``page``: the whole
    programme's on its index, an axis's, a quartier's or a cultural place's on their pages (a
    proposal page links its own, « suivre cette proposition »)."""
    if index is None or not isinstance(page, (ProgrammeIndexPage, AxisPage, QuartierPage, CulturalPlacePage)):
        return []
    base = index.get_url(request=request)
    if base is None:
        return []
    parameter = {AxisPage: "axe", QuartierPage: "quartier", CulturalPlacePage: "lieu"}.get(type(page))
    if parameter:
        title = _("Suivi des propositions : %(name)s") % {"name": page.title}
        query = "?" + urlencode({parameter: page.slug})
    else:
        title, query = _("Suivi des propositions"), ""
    return [
        {
            "type": FEED_MIME_TYPES[kind],
            "href": base + index.reverse_subpage(f"follow_up_feed_{kind}") + query,
            "kind": kind,
            "title": f"{title} ({KIND_LABELS[kind]})",
        }
        for kind in ("atom", "rss")
    ]


@register.simple_tag(takes_context=True)
def proposals_concerning(context, page):
    return queries.proposals_concerning(page, context.get("request"))


@register.simple_tag(takes_context=True)
def proposals_for_quartier(context, page):
    return queries.proposals_for_quartier(page, context.get("request"))


@register.inclusion_tag("programme/includes/quartier_follow_up.html")
def quartier_follow_up(page, proposals):
    """The quartier's proposals with their status and the quartier's figures they aim to move."""
    return {"page": page, "proposals": proposals}


@register.simple_tag(takes_context=True)
def questions_concerning(context, page):
    return queries.questions_concerning(page, context.get("request"))

"""What the programme's pages show, and what other sections ask of the programme.

Every function runs a fixed number of SQL queries, whatever the number of proposals.

For the other sections (through ``programme_tags`` in their templates, or a hook):
- ``proposals_concerning(page)``: the live proposals that concern a quartier or cultural place
  page, in that page's language;
- ``questions_concerning(page)``: the same for the open questions;
- ``flagship_proposals(locale)``: the « propositions phares », for the home page.
"""

from django.db.models import Case, IntegerField, Prefetch, Value, When, prefetch_related_objects

from culture.models import CulturalPlacePage
from home.cache import cached_for_page
from home.localization import DROP, active_locale_id, localized, translations_by_key
from quartiers.formatting import format_value
from quartiers.models import QuartierPage

from .models import (
    ProgrammeIndexPage,
    ProposalIndicator,
    ProposalPage,
    ProposalPlace,
    ProposalQuartier,
    ProposalTheme,
    QuestionPage,
    QuestionPlace,
    QuestionQuartier,
    RelatedProposal,
    Theme,
)

#: For each kind of page a proposal or question can concern: the relation rows of proposals,
#: of questions, and the name of the row's field that points at the page.
CONCERNED = {
    QuartierPage: (ProposalQuartier, QuestionQuartier, "quartier"),
    CulturalPlacePage: (ProposalPlace, QuestionPlace, "place"),
}


def decorate_proposals(queryset, locale):
    """Attach ``themes`` (in ``locale``) to each proposal of ``queryset`` (or of a list, e.g. one
    page of them); returns a list."""
    proposals = list(queryset)
    prefetch_related_objects(proposals, Prefetch("theme_links", queryset=ProposalTheme.objects.select_related("theme")))
    keys = {link.theme.translation_key for p in proposals for link in p.theme_links.all()}
    themes = translations_by_key(Theme.objects.filter(live=True), locale, keys)
    for proposal in proposals:
        proposal.themes = localized(
            [link.theme for link in proposal.theme_links.all()], translations=themes, missing=DROP
        )
    return proposals


def programme_index_of(page):
    return ProgrammeIndexPage.objects.ancestor_of(page).first()


def linked_pages(page):
    """Themes, quartiers and places of a proposal or question page, in its language."""
    return {
        "themes": localized(
            [link.theme for link in page.theme_links.select_related("theme")],
            Theme.objects.filter(live=True),
            page.locale,
            missing=DROP,
        ),
        "quartiers": localized(
            [link.quartier for link in page.quartier_links.select_related("quartier")],
            QuartierPage.objects.live().public(),
            page.locale,
            missing=DROP,
        ),
        "places": localized(
            [link.place for link in page.place_links.select_related("place")],
            CulturalPlacePage.objects.live().public(),
            page.locale,
            missing=DROP,
        ),
    }


def related_proposals(page):
    """Proposals linked from ``page``, then those that link to it, live, in its language."""
    targets = [link.target for link in page.related_links.select_related("target")]
    sources = [
        link.proposal
        for link in RelatedProposal.objects.filter(target__translation_key=page.translation_key).select_related(
            "proposal"
        )
    ]
    candidates = [p for p in targets + sources if p.translation_key != page.translation_key]
    return localized(candidates, ProposalPage.objects.live().public(), page.locale, missing=DROP)


def _concerning(page, relation_model, parent_field, page_model):
    """Live pages of ``page_model`` linked to any language version of ``page``, in its language."""
    target_field = CONCERNED[type(page)][2]
    links = relation_model.objects.filter(**{f"{target_field}__translation_key": page.translation_key})
    queryset = (
        page_model.objects.live().public().filter(translation_key__in=links.values(f"{parent_field}__translation_key"))
    )
    return sorted(translations_by_key(queryset, page.locale).values(), key=_programme_order)


def _programme_order(page):
    return getattr(page, "reference", "") or "", page.path


def _shared(name, build, page, request):
    """``build()`` for ``page`` once per generation and language (``home.cache.cached_for_page``:
    not for a preview)."""
    return cached_for_page(f"programme-{name}", build, page, request)


def proposals_concerning(page, request=None):
    """The live proposals concerning a quartier or cultural place page, in its language.

    Works for any language version of ``page``: the links are made in the source language and
    matched by translation key. Proposals not translated yet are given in the source language.
    """
    if type(page) not in CONCERNED or not page.pk:
        return []
    return _shared("proposals-concerning", lambda: _proposals_concerning(page), page, request)


def _proposals_concerning(page):
    proposals = _concerning(page, CONCERNED[type(page)][0], "proposal", ProposalPage)
    return decorate_proposals(_as_queryset(proposals), page.locale)


def proposals_for_quartier(page, request=None):
    """What the programme does for a quartier: its proposals with their status, each with
    ``figures``, the quartier's own figures (``Indicator``) the proposal aims to move.

    A proposal linked to no quartier in particular but to figures (e.g. a service extended to
    every quartier) is listed on each quartier whose portrait has one of those figures.
    """
    if not isinstance(page, QuartierPage) or not page.pk:
        return []
    return _shared("proposals-for-quartier", lambda: _proposals_for_quartier(page), page, request)


def _proposals_for_quartier(page):
    indicators = {indicator.code: indicator for indicator in page.indicators.all()}
    linked = _concerning(page, ProposalQuartier, "proposal", ProposalPage)
    everywhere = []
    if indicators:
        scope = (
            ProposalPage.objects.live()
            .public()
            .filter(
                translation_key__in=ProposalPage.objects.filter(
                    quartier_links__isnull=True, indicator_links__code__in=list(indicators)
                ).values("translation_key")
            )
        )
        everywhere = list(translations_by_key(scope, page.locale).values())
    keys = {p.translation_key for p in linked}
    pages = sorted(linked + [p for p in everywhere if p.translation_key not in keys], key=_programme_order)
    proposals = decorate_proposals(
        _as_queryset(pages).prefetch_related(Prefetch("indicator_links", queryset=ProposalIndicator.objects.all())),
        page.locale,
    )
    for proposal in proposals:
        codes = [link.code for link in proposal.indicator_links.all()]
        proposal.figures = [indicators[code] for code in dict.fromkeys(codes) if code in indicators]
        for figure in proposal.figures:
            figure.value_text = format_value(figure.value, figure.unit)
    return proposals


def questions_concerning(page, request=None):
    """The live open questions concerning a quartier or cultural place page, in its language."""
    if type(page) not in CONCERNED or not page.pk:
        return []
    return _shared(
        "questions-concerning",
        lambda: _concerning(page, CONCERNED[type(page)][1], "question", QuestionPage),
        page,
        request,
    )


def _as_queryset(pages):
    """A queryset of the given proposals keeping their order (for prefetching)."""
    if not pages:
        return ProposalPage.objects.none()
    order = Case(*[When(pk=p.pk, then=Value(i)) for i, p in enumerate(pages)], output_field=IntegerField())
    return ProposalPage.objects.filter(pk__in=[p.pk for p in pages]).order_by(order)


def flagship_proposals(locale=None):
    """The live « propositions phares », in ``locale`` (default: the active language)."""
    locale = locale or active_locale_id()
    mapping = translations_by_key(ProposalPage.objects.live().public().filter(flagship=True), locale)
    pages = sorted(mapping.values(), key=lambda p: p.reference)
    return decorate_proposals(_as_queryset(pages), locale)

"""What the programme's pages show, and what other sections ask of the programme.

Every function runs a fixed number of SQL queries, whatever the number of proposals.

For the other sections (through ``programme_tags`` in their templates, or a hook):
- ``proposals_concerning(page)``: the live proposals that concern a quartier or cultural place
  page, in that page's language;
- ``questions_concerning(page)``: the same for the open questions;
- ``flagship_proposals(locale)``: the « propositions phares », for the home page.
"""

from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    prefetch_related_objects,
)
from wagtail.models import Page

from culture.models import CulturalPlacePage
from home.cache import cached_for_page, page_ancestors
from home.localization import (
    DROP,
    active_locale_id,
    by_key_in_language,
    locale_of,
    localized,
    source_locale,
    translations_by_key,
)
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
    linked = {link.theme.translation_key: link.theme for p in proposals for link in p.theme_links.all()}
    locale_id = getattr(locale, "pk", locale) or active_locale_id()
    if locale_id == source_locale().pk and all(theme.locale_id == locale_id for theme in linked.values()):
        # In the source language the linked themes are the ones to show: no query to look them up.
        themes = {key: theme for key, theme in linked.items() if theme.live}
    else:
        themes = translations_by_key(Theme.objects.filter(live=True), locale, set(linked))
    for proposal in proposals:
        proposal.themes = localized(
            [link.theme for link in proposal.theme_links.all()], translations=themes, missing=DROP
        )
    return proposals


def programme_index_of(page, request=None):
    """The programme index above ``page``: from the ancestors routing read (no query), else
    from the tree."""
    for ancestor in reversed(page_ancestors(page, request)):
        if issubclass(ancestor.specific_class or Page, ProgrammeIndexPage):
            # Only the page's own fields are read of it (its URL, its routes): no query.
            return ancestor.specific_deferred
    return None


def _from_the_database(page, request):
    """Whether ``page``'s relation rows can be read with SQL: not for a preview or a page not
    saved yet, whose rows are the editor's, in memory (modelcluster)."""
    return bool(page.pk) and not getattr(request, "is_preview", False)


def linked_pages(page, request=None):
    """Themes, quartiers and places of a proposal or question page, in its language (else the
    source's), live ones only, in the editor's order: one query each."""
    kinds = {
        "themes": ("theme_links", "theme", Theme.objects.filter(live=True)),
        "quartiers": ("quartier_links", "quartier", QuartierPage.objects.live().public()),
        "places": ("place_links", "place", CulturalPlacePage.objects.live().public()),
    }
    if not _from_the_database(page, request):
        return {
            name: localized(
                [getattr(link, target) for link in getattr(page, links).all()],
                queryset,
                locale_of(page),
                missing=DROP,
            )
            for name, (links, target, queryset) in kinds.items()
        }
    return {
        name: _linked_in_one_query(page, links, target, queryset) for name, (links, target, queryset) in kinds.items()
    }


def _linked_in_one_query(page, links, target, queryset):
    """The objects of ``queryset`` that ``page``'s ``links`` rows point at (any language version
    of them), each once, in ``page``'s language or else the source's, in the rows' order."""
    relation = page._meta.get_field(links).related_model
    rows = relation.objects.filter(**{page._meta.get_field(links).field.name: page.pk})
    order = rows.filter(**{f"{target}__translation_key": OuterRef("translation_key")}).order_by("sort_order")
    found = queryset.filter(
        translation_key__in=rows.values(f"{target}__translation_key"),
        locale_id__in={page.locale_id, source_locale().pk},
    ).annotate(link_order=Subquery(order.values("sort_order")[:1]))
    # A row added by code rather than the editor may have no sort order (``Orderable``'s is null).
    return sorted(
        by_key_in_language(found, page.locale_id).values(),
        key=lambda obj: (obj.link_order or 0, getattr(obj, "path", ""), obj.pk),
    )


def related_proposals(page, request=None):
    """Proposals linked from ``page``, then those that link to it, live, in its language: one
    query."""
    if not _from_the_database(page, request):
        targets = [link.target for link in page.related_links.all()]
        sources = [
            link.proposal
            for link in RelatedProposal.objects.filter(target__translation_key=page.translation_key).select_related(
                "proposal"
            )
        ]
        candidates = [p for p in targets + sources if p.translation_key != page.translation_key]
        return localized(candidates, ProposalPage.objects.live().public(), locale_of(page), missing=DROP)
    targets = RelatedProposal.objects.filter(proposal_id=page.pk)
    sources = RelatedProposal.objects.filter(target__translation_key=page.translation_key)
    found = (
        ProposalPage.objects.live()
        .public()
        .filter(
            Q(translation_key__in=targets.values("target__translation_key"))
            | Q(translation_key__in=sources.values("proposal__translation_key")),
            locale_id__in={page.locale_id, source_locale().pk},
        )
        .exclude(translation_key=page.translation_key)
        .annotate(
            is_target=Exists(targets.filter(target__translation_key=OuterRef("translation_key"))),
            target_order=Subquery(
                targets.filter(target__translation_key=OuterRef("translation_key"))
                .order_by("sort_order")
                .values("sort_order")[:1]
            ),
            source_order=Subquery(
                sources.filter(proposal__translation_key=OuterRef("translation_key"))
                .order_by("sort_order")
                .values("sort_order")[:1]
            ),
        )
    )
    return sorted(
        by_key_in_language(found, page.locale_id).values(),
        key=lambda p: (0, p.target_order or 0, p.path) if p.is_target else (1, p.source_order or 0, p.path),
    )


def _concerning(page, relation_model, parent_field, page_model):
    """Live pages of ``page_model`` linked to any language version of ``page``, in its language."""
    target_field = CONCERNED[type(page)][2]
    links = relation_model.objects.filter(**{f"{target_field}__translation_key": page.translation_key})
    queryset = (
        page_model.objects.live().public().filter(translation_key__in=links.values(f"{parent_field}__translation_key"))
    )
    return sorted(translations_by_key(queryset, page.locale_id).values(), key=_programme_order)


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
    return decorate_proposals(proposals, page.locale_id)


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
    linked = ProposalQuartier.objects.filter(quartier__translation_key=page.translation_key)
    concern = Q(translation_key__in=linked.values("proposal__translation_key"))
    if indicators:
        everywhere = ProposalPage.objects.filter(
            quartier_links__isnull=True, indicator_links__code__in=list(indicators)
        )
        concern |= Q(translation_key__in=everywhere.values("translation_key"))
    # Both kinds in one query, each proposal once, in the quartier's language (else the source's).
    scope = ProposalPage.objects.live().public().filter(concern)
    pages = sorted(translations_by_key(scope, page.locale_id).values(), key=_programme_order)
    prefetch_related_objects(pages, Prefetch("indicator_links", queryset=ProposalIndicator.objects.all()))
    proposals = decorate_proposals(pages, page.locale_id)
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


def flagship_proposals(locale=None):
    """The live « propositions phares », in ``locale`` (default: the active language)."""
    locale = locale or active_locale_id()
    mapping = translations_by_key(ProposalPage.objects.live().public().filter(flagship=True), locale)
    pages = sorted(mapping.values(), key=lambda p: p.reference)
    return decorate_proposals(pages, locale)

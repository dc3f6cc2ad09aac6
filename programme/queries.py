"""What the programme's pages show, and what other sections ask of the programme.

Every function runs a fixed number of SQL queries, whatever the number of proposals.

For the other sections:
- ``proposals_concerning(page)``: the live proposals that concern a quartier or cultural place
  page, in that page's language (the reverse relation ``page.proposal_links`` holds the raw rows);
- ``questions_concerning(page)``: the same for the open questions;
- ``flagship_proposals(locale)``: the « propositions phares », for the home page.
"""

from django.db.models import Case, IntegerField, Prefetch, Value, When
from wagtail.models import Locale

from home.models import Theme

from home.localization import by_translation_key, default_locale, localize_list


def _models():
    from . import models

    return models


def decorate_proposals(queryset, locale):
    """Attach ``themes`` (in ``locale``) to each proposal of ``queryset``; returns a list."""
    models = _models()
    proposals = list(
        queryset.prefetch_related(
            Prefetch("theme_links", queryset=models.ProposalTheme.objects.select_related("theme"))
        )
    )
    keys = {link.theme.translation_key for p in proposals for link in p.theme_links.all()}
    themes = by_translation_key(Theme.objects.all(), locale, keys)
    for proposal in proposals:
        proposal.themes = []
        for link in proposal.theme_links.all():
            theme = themes.get(link.theme.translation_key)
            if theme is not None and theme not in proposal.themes:
                proposal.themes.append(theme)
    return proposals


def _programme_index(page):
    return _models().ProgrammeIndexPage.objects.ancestor_of(page).first()


def _linked(page):
    """Themes, quartiers and places of a proposal or question page, in its language."""
    from culture.models import CulturalPlacePage
    from quartiers.models import QuartierPage

    locale = page.locale
    fallback = default_locale()
    themes = [link.theme for link in page.theme_links.select_related("theme")]
    quartiers = [link.quartier for link in page.quartier_links.select_related("quartier")]
    places = [link.place for link in page.place_links.select_related("place")]
    return {
        "themes": localize_list(themes, Theme.objects.all(), locale, fallback),
        "quartiers": localize_list(quartiers, QuartierPage.objects.live().public(), locale, fallback),
        "places": localize_list(places, CulturalPlacePage.objects.live().public(), locale, fallback),
    }


def related_proposals(page):
    """Proposals linked from ``page``, then those that link to it, live, in its language."""
    models = _models()
    targets = [link.target for link in page.related_links.select_related("target")]
    sources = [
        link.proposal
        for link in models.RelatedProposal.objects.filter(
            target__translation_key=page.translation_key
        ).select_related("proposal")
    ]
    candidates = [p for p in targets + sources if p.translation_key != page.translation_key]
    return localize_list(candidates, models.ProposalPage.objects.live().public(), page.locale)


def proposal_page_context(page, request):
    index = _programme_index(page)
    context = _linked(page)
    context["axis"] = page.get_parent().specific
    context["related_proposals"] = related_proposals(page)
    context["programme_index"] = index
    if index is not None and page.reference:
        context["permalink"] = index.permalink_url(page.reference, request=request)
    else:
        context["permalink"] = page.get_full_url(request=request)
    return context


def question_page_context(page, request):
    context = _linked(page)
    context["axis"] = page.get_parent().specific
    context["programme_index"] = _programme_index(page)
    return context


def _concerning(page, relation_model, target_field, parent_field, page_model):
    """Live pages of ``page_model`` linked to any language version of ``page``, in its language."""
    links = relation_model.objects.filter(**{f"{target_field}__translation_key": page.translation_key})
    queryset = page_model.objects.live().public().filter(
        translation_key__in=links.values(f"{parent_field}__translation_key")
    )
    return sorted(by_translation_key(queryset, page.locale).values(), key=_programme_order)


def _programme_order(page):
    return getattr(page, "reference", "") or "", page.path


def proposals_concerning(page):
    """The live proposals concerning a quartier or cultural place page, in its language.

    Works for any language version of ``page``: the links are made in the source language and
    matched by translation key. Proposals not translated yet are given in the source language.
    """
    from culture.models import CulturalPlacePage
    from quartiers.models import QuartierPage

    models = _models()
    if isinstance(page, QuartierPage):
        return decorate_proposals(
            _as_queryset(_concerning(page, models.ProposalQuartier, "quartier", "proposal", models.ProposalPage)),
            page.locale,
        )
    if isinstance(page, CulturalPlacePage):
        return decorate_proposals(
            _as_queryset(_concerning(page, models.ProposalPlace, "place", "proposal", models.ProposalPage)),
            page.locale,
        )
    return []


def questions_concerning(page):
    """The live open questions concerning a quartier or cultural place page, in its language."""
    from culture.models import CulturalPlacePage
    from quartiers.models import QuartierPage

    models = _models()
    if isinstance(page, QuartierPage):
        return _concerning(page, models.QuestionQuartier, "quartier", "question", models.QuestionPage)
    if isinstance(page, CulturalPlacePage):
        return _concerning(page, models.QuestionPlace, "place", "question", models.QuestionPage)
    return []


def _as_queryset(pages):
    """A queryset of the given proposals keeping their order (for prefetching)."""
    models = _models()
    if not pages:
        return models.ProposalPage.objects.none()
    order = Case(*[When(pk=p.pk, then=Value(i)) for i, p in enumerate(pages)], output_field=IntegerField())
    return models.ProposalPage.objects.filter(pk__in=[p.pk for p in pages]).order_by(order)


def flagship_proposals(locale=None):
    """The live « propositions phares », in ``locale`` (default: the active language)."""
    models = _models()
    if locale is None:
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            locale = default_locale()
    mapping = by_translation_key(models.ProposalPage.objects.live().public().filter(flagship=True), locale)
    pages = sorted(mapping.values(), key=lambda p: p.reference)
    return decorate_proposals(_as_queryset(pages), locale)

"""What each found page is, for the facets and filters: its type, and for the programme's pages
their axis, themes and quartiers, named in the visitor's language.

A fixed number of queries whatever the number of pages found (relations read in bulk)."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from culture.models import CulturalPlacePage
from home.localization import localized
from news.models import ArticlePage
from programme.models import (
    AxisPage,
    ProposalPage,
    ProposalQuartier,
    ProposalTheme,
    QuestionPage,
    QuestionQuartier,
    QuestionTheme,
    Theme,
)
from quartiers.models import QuartierPage

TYPE_MODELS = {
    "proposal": ProposalPage,
    "question": QuestionPage,
    "quartier": QuartierPage,
    "place": CulturalPlacePage,
    "news": ArticlePage,
}
TYPE_LABELS = {
    "proposal": _("Proposition"),
    "question": _("Question ouverte"),
    "quartier": _("Quartier"),
    "place": _("Lieu culturel"),
    "news": _("Actualité"),
    "page": _("Page"),
}
FACET_LABELS = {
    "type": _("Type de page"),
    "axis": _("Axe du programme"),
    "theme": _("Thème"),
    "quartier": _("Quartier"),
}
PROGRAMME_TYPES = ("proposal", "question")


def type_of_content_type():
    """content type id → type key."""
    return {ContentType.objects.get_for_model(model).pk: key for key, model in TYPE_MODELS.items()}


def page_type(content_type_id, types=None):
    return (types or type_of_content_type()).get(content_type_id, "page")


def _link_rows(proposal_rows, question_rows, target, ids):
    """``[(page id, target id)]`` of the proposals' and the open questions' relation rows for the
    pages ``ids``, in one ``UNION ALL`` query."""
    proposals = proposal_rows.objects.filter(proposal_id__in=ids).order_by().values_list("proposal_id", target)
    questions = question_rows.objects.filter(question_id__in=ids).order_by().values_list("question_id", target)
    return list(proposals.union(questions, all=True))


def describe(pages, locale):
    """``({page id: {facet: set of values}}, {facet: {value: label}})`` for ``pages`` (objects
    with ``id``, ``content_type_id``, ``path``, ``translation_key``)."""
    types = type_of_content_type()
    values = {page.id: {"type": {page_type(page.content_type_id, types)}} for page in pages}
    labels = {"type": {key: str(label) for key, label in TYPE_LABELS.items()}, "axis": {}, "theme": {}, "quartier": {}}
    programme = [page for page in pages if next(iter(values[page.id]["type"])) in PROGRAMME_TYPES]
    quartier_pages = [page for page in pages if values[page.id]["type"] == {"quartier"}]

    if programme:
        ids = [page.id for page in programme]
        axes = {axis.path: axis for axis in AxisPage.objects.filter(path__in={page.path[:-4] for page in programme})}
        shown = dict(zip(axes, localized(list(axes.values()), AxisPage.objects.live(), locale), strict=True))
        for page in programme:
            axis = shown.get(page.path[:-4])
            if axis is not None:
                values[page.id]["axis"] = {axis.slug}
                labels["axis"][axis.slug] = axis.title

        theme_rows = _link_rows(ProposalTheme, QuestionTheme, "theme_id", ids)
        live_themes = Theme.objects.filter(live=True)
        themes = live_themes.in_bulk({theme_id for _page, theme_id in theme_rows})
        shown_themes = dict(zip(themes, localized(list(themes.values()), live_themes, locale), strict=True))
        for page_id, theme_id in theme_rows:
            theme = shown_themes.get(theme_id)
            if theme is None:  # a draft theme: not public yet
                continue
            values[page_id].setdefault("theme", set()).add(theme.slug)
            labels["theme"][theme.slug] = theme.name

        quartier_rows = _link_rows(ProposalQuartier, QuestionQuartier, "quartier_id", ids)
    else:
        quartier_rows = []
    quartier_rows += [(page.id, page.id) for page in quartier_pages]
    if quartier_rows:
        quartiers = QuartierPage.objects.only("id", "slug", "title", "translation_key", "locale_id").in_bulk(
            {quartier_id for _page, quartier_id in quartier_rows}
        )
        shown_quartiers = dict(
            zip(quartiers, localized(list(quartiers.values()), QuartierPage.objects.live(), locale), strict=True)
        )
        for page_id, quartier_id in quartier_rows:
            quartier = shown_quartiers[quartier_id]
            values[page_id].setdefault("quartier", set()).add(quartier.slug)
            labels["quartier"][quartier.slug] = quartier.title
    return values, labels

"""The relation panels shared by proposals and questions."""

from django.utils.translation import gettext_lazy as _

from home.admin_panels import TitledMultipleChooserPanel


def relation_panels():
    """Themes, quartiers and places of a proposal or a question: several chosen at once in the
    chooser (its checkboxes), each row titled by what it links."""
    return [
        TitledMultipleChooserPanel(
            "theme_links",
            chooser_field_name="theme",
            label=_("Thème"),
            heading=_("Thèmes"),
            add_label=_("Ajouter des thèmes"),
            row_title=lambda link: str(link.theme),
        ),
        TitledMultipleChooserPanel(
            "quartier_links",
            chooser_field_name="quartier",
            label=_("Quartier concerné"),
            heading=_("Quartiers concernés"),
            add_label=_("Ajouter des quartiers"),
            row_title=lambda link: link.quartier.title,
        ),
        TitledMultipleChooserPanel(
            "place_links",
            chooser_field_name="place",
            label=_("Lieu culturel concerné"),
            heading=_("Lieux culturels concernés"),
            add_label=_("Ajouter des lieux culturels"),
            row_title=lambda link: link.place.title,
        ),
    ]

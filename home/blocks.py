"""StreamField blocks shared by every page type.

Each block has a ``description`` and a ``preview_value`` so editors see what they pick, and
renders with its own template under ``templates/blocks/``. ``BaseStreamBlock`` assembles them
in groups for the editor.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]

GROUP_TEXT = _("1. Texte")
GROUP_MEDIA = _("2. Médias et chiffres")
GROUP_LINKS = _("3. Liens")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Titre"), max_length=150)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Titre de section (h2)")), ("h3", _("Sous-titre (h3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Titre")
        template = "blocks/heading_block.html"
        group = GROUP_TEXT
        description = _("Un titre qui structure la page ; les lecteurs d'écran s'en servent pour naviguer.")
        preview_value = {"text": "Une ville rayonnante", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraphe")
        template = "blocks/paragraph_block.html"
        group = GROUP_TEXT
        description = _("Du texte courant, avec gras, italique, listes et liens.")
        preview_value = "<p>Besançon compte près de 1 400 associations, qui font vivre chaque quartier.</p>"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Citation"))
    attribution = blocks.CharBlock(label=_("Auteur ou source"), required=False, max_length=150)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "blocks/quote_block.html"
        group = GROUP_TEXT
        description = _("Une citation mise en valeur, avec son auteur.")
        preview_value = {
            "quote": "Nous sommes tous Besançon.",
            "attribution": "Le programme",
        }


class ImageWithCaptionBlock(blocks.StructBlock):
    """An image with a caption; ``ImageBlock`` refuses it without alt text unless decorative."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Légende"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        group = GROUP_MEDIA
        description = _("Une image avec son texte alternatif (obligatoire, sauf image décorative) et une légende.")


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.DecimalBlock(label=_("Valeur"), decimal_places=2)
    unit = blocks.CharBlock(label=_("Unité"), required=False, max_length=30)
    label = blocks.CharBlock(label=_("Ce que mesure le chiffre"), max_length=200)
    source = blocks.CharBlock(label=_("Source et année"), required=False, max_length=200)

    class Meta:
        icon = "order"
        label = _("Chiffre clé")
        template = "blocks/key_figure_block.html"
        group = GROUP_MEDIA
        description = _("Un chiffre mis en avant, avec son unité et sa source.")
        preview_value = {
            "value": "15378",
            "unit": "habitants",
            "label": "vivent à Planoise",
            "source": "Recensement de la population 2019",
        }


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to another address."""

    page = blocks.PageChooserBlock(label=_("Page du site"), required=False)
    url = blocks.URLBlock(label=_("Ou adresse externe"), required=False)
    text = blocks.CharBlock(
        label=_("Texte du lien"),
        required=False,
        max_length=150,
        help_text=_("Laissez vide pour reprendre le titre de la page."),
    )

    class Meta:
        icon = "link"
        label = _("Lien")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choisissez une page ou une adresse, pas les deux."))}
            )
        if value.get("url") and not value.get("text"):
            raise StructBlockValidationError(
                block_errors={"text": ValidationError(_("Un lien externe a besoin d'un texte."))}
            )
        return value


class LinkListBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre de la liste"), required=False, max_length=150)
    links = blocks.ListBlock(LinkBlock(), label=_("Liens"))

    class Meta:
        icon = "list-ul"
        label = _("Liste de liens")
        template = "blocks/link_list_block.html"
        group = GROUP_LINKS
        description = _("Une liste de liens vers des pages du site ou d'autres sites.")
        preview_value = {
            "title": "Pour aller plus loin",
            "links": [
                {"page": None, "url": "https://www.besancon.fr/", "text": "Le site de la Ville"},
                {"page": None, "url": "https://www.grandbesancon.fr/", "text": "Grand Besançon Métropole"},
            ],
        }


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Phrase d'appel"), max_length=200)
    link = LinkBlock(label=_("Lien"))

    class Meta:
        icon = "pick"
        label = _("Appel à l'action")
        template = "blocks/call_to_action_block.html"
        group = GROUP_LINKS
        description = _("Une invitation mise en valeur, par exemple « Posez-nous une question ».")
        preview_value = {
            "text": "Une question sur une proposition ? Écrivez-nous.",
            "link": {"page": None, "url": "https://example.org/contact/", "text": "Poser une question"},
        }


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = ImageWithCaptionBlock()
    key_figure = KeyFigureBlock()
    link_list = LinkListBlock()
    call_to_action = CallToActionBlock()


def paragraphs_to_body(paragraphs):
    """``BaseStreamBlock`` data from plain paragraphs (or ``{block_type: value}`` dicts).

    For content written outside the editor: the demo data files and imports.
    """
    body = []
    for item in paragraphs or []:
        if isinstance(item, str):
            body.append(("paragraph", f"<p>{item}</p>"))
        else:
            ((block_type, value),) = item.items()
            if block_type == "paragraph" and not str(value).lstrip().startswith("<"):
                value = f"<p>{value}</p>"
            body.append((block_type, value))
    return body

"""An open question of the programme and its lines of thought."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from home.models import BasePage

from .concerns import concerns_text
from .panels import relation_panels


class QuestionPage(BasePage):
    """An open question of the programme, with the lines of thought it opens and the citizens'
    contributions a reviewer has approved (``QuestionContribution``)."""

    lines_of_thought = StreamField(
        [
            (
                "line",
                blocks.TextBlock(
                    label=_("Piste"),
                    help_text=_("Une piste de réflexion, en une ou deux phrases."),
                ),
            )
        ],
        verbose_name=_("pistes de réflexion"),
        blank=True,
    )

    page_context = "programme.context.question_page"
    parent_page_types = ["programme.AxisPage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("lines_of_thought"),
        *relation_panels(),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("lines_of_thought"),
        index.SearchField("search_concerns", boost=2),
    ]
    api_fields = [*BasePage.api_fields, APIField("lines_of_thought")]

    def serve(self, request, *args, **kwargs):
        """A POST is a contribution (``programme.contributions``)."""
        if request.method == "POST":
            from programme.contributions import serve_contribution

            return serve_contribution(self, request)
        return super().serve(request, *args, **kwargs)

    def search_concerns(self):
        return concerns_text(self)

    class Meta:
        verbose_name = _("question ouverte")
        verbose_name_plural = _("questions ouvertes")

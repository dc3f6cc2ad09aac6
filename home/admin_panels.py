"""Inline panels an editor can read: rows titled by their content, a French « Ajouter un … ».

Wagtail titles every inline row « <label> <n> » (« Chiffre 1 … Chiffre 54 ») and its French
catalogue words the add button « Ajouter un(e) <label> ». These panels title a saved row by what
it holds (``row_title``), word the button as given (``add_label``), keep saved rows collapsed
and, with ``filterable``, put a search box above the rows that hides those not matching it.
"""

from django import forms
from wagtail.admin.panels import InlinePanel, MultipleChooserPanel


class _TitledRows:
    def __init__(self, *args, add_label=None, row_title=str, filterable=False, **kwargs):
        self.add_label = add_label
        self.row_title = row_title
        self.filterable = filterable
        super().__init__(*args, **kwargs)

    def clone_kwargs(self):
        return {
            **super().clone_kwargs(),
            "add_label": self.add_label,
            "row_title": self.row_title,
            "filterable": self.filterable,
        }


class _TitledBoundPanel:
    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        panel = self.panel
        context["add_label"] = panel.add_label
        context["filterable"] = panel.filterable
        context["rows"] = [
            (child, panel.row_title(child.form.instance) if child.form.instance.pk else "") for child in self.children
        ]
        return context

    @property
    def media(self):
        media = super().media
        if self.panel.filterable:
            media += forms.Media(js=["home/js/inline_filter.js"])
        return media


class TitledInlinePanel(_TitledRows, InlinePanel):
    class BoundPanel(_TitledBoundPanel, InlinePanel.BoundPanel):
        template_name = "home/admin/titled_inline_panel.html"


class TitledMultipleChooserPanel(_TitledRows, MultipleChooserPanel):
    """Several items chosen at once in the chooser, each becoming a row."""

    class BoundPanel(_TitledBoundPanel, MultipleChooserPanel.BoundPanel):
        template_name = "home/admin/titled_multiple_chooser_panel.html"

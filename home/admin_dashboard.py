"""Panels of the admin's dashboard for the communications team (``construct_homepage_panels``).

Wagtail's own panels already show what waits for my review and what I submitted (« Pages en
attente de ma relecture », « Vos pages dans un processus de validation »). The apps add theirs
with :class:`ListPanel`: a heading, at most ``LIMIT`` rows from one bounded query, each row a
title, a link and a detail.
"""

from dataclasses import dataclass

from wagtail.admin.ui.components import Component

LIMIT = 10


@dataclass
class Row:
    title: str
    url: str
    detail: str = ""


class ListPanel(Component):
    template_name = "home/admin/dashboard_panel.html"

    def __init__(self, name, heading, rows, empty, order=200, description=""):
        self.name = name
        self.heading = heading
        self.rows = rows
        self.empty = empty
        self.order = order
        self.description = description

    def get_context_data(self, parent_context):
        return {
            "panel_id": f"dashboard-{self.name}",
            "heading": self.heading,
            "rows": self.rows,
            "empty": self.empty,
            "description": self.description,
        }

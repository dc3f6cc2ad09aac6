"""What a proposal or an open question concerns, as search reads it."""


class ConcernsSearchMixin:
    """Indexes the names of the page's themes, quartiers and cultural places, so that
    « culture » finds the pages tagged « Culture et patrimoine » and « Planoise » the proposals
    for Planoise (``index.SearchField("search_concerns")``)."""

    def search_concerns(self):
        names = [link.theme.name for link in self.theme_links.all() if link.theme_id]
        names += [link.quartier.title for link in self.quartier_links.all() if link.quartier_id]
        names += [link.place.title for link in self.place_links.all() if link.place_id]
        parent = self.get_parent() if self.pk else None
        if parent is not None:
            names.append(parent.title)
        return " ; ".join(names)


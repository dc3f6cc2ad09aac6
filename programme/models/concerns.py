"""What a proposal or an open question concerns, as search reads it."""


def concerns_text(page):
    """The names of the page's themes, quartiers, cultural places and axis, so that « culture »
    finds the pages tagged « Culture et patrimoine » and « Planoise » the proposals for Planoise.

    Each page type indexes it through its own ``search_concerns`` method: Elasticsearch's
    mapping names a field after the model that defines it, which must be the page type."""
    names = [link.theme.name for link in page.theme_links.all() if link.theme_id]
    names += [link.quartier.title for link in page.quartier_links.all() if link.quartier_id]
    names += [link.place.title for link in page.place_links.all() if link.place_id]
    parent = page.get_parent() if page.pk else None
    if parent is not None:
        names.append(parent.title)
    return " ; ".join(names)

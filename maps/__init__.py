"""The site's own map of Besançon (inline SVG, no tiles, no script), shared by the sections.

``maps.svg`` builds a map from points; ``templates/maps/svg_map.html`` draws it;
``maps.models.GeoPointMixin`` gives a page its coordinates, with one precision and one rule.
"""

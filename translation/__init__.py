"""The translation workflow: French is written, English and German are translated.

wagtail-localize is the one translation system. This app holds what the site adds to it: the
language trees kept in sync (:mod:`translation.trees`), and the translation of the demo content
through wagtail-localize's own PO import.
"""

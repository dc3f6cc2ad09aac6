from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from home.localization import language_code_of


class LocalizedSitemap(Sitemap):
    """Every language tree of the site, each URL with its hreflang alternates.

    Wagtail's own sitemap lists the default site's tree only; ours also lists the English and
    German trees, leaves out aliases (pages not yet translated, which would repeat the French
    text) and adds ``<xhtml:link rel="alternate" hreflang>`` for each translation, the French page being
    the ``x-default``.
    """

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(in_a_tree, alias_of__isnull=True)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        translations = defaultdict(list)
        entries = []
        for item in pages:
            # A page may give several URLs (a routable page's sub-page, e.g. the programme's
            # barometer): each is the alternate of the URL at the same place in its translations.
            for position, url_info in enumerate(item.get_sitemap_urls(self.request)):
                translations[(item.translation_key, position)].append(
                    {"lang_code": language_code_of(item.locale_id), "location": url_info["location"]}
                )
                entries.append(((item.translation_key, position), url_info))
        urls, last_mods = [], set()
        for key, url_info in entries:
            alternates = translations[key]
            if len(alternates) > 1:
                default = [
                    {"lang_code": "x-default", "location": alt["location"]}
                    for alt in alternates
                    if alt["lang_code"] == settings.LANGUAGE_CODE
                ]
                url_info = {**url_info, "alternates": alternates + default}
            urls.append(url_info)
            last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

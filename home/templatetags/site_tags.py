"""Template tags for what every page shows: menus, breadcrumbs, language links."""

from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from home import cache
from home.localization import active_locale_id
from home.models import SiteSettings, SiteTexts

register = template.Library()

MENUS = ("main_menu", "footer_menu")


def _site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request else None


def _ancestors(context):
    """The current page's ancestors below the tree root, fetched once per render."""
    page = context.get("page")
    if page is None or not getattr(page, "pk", None):
        return []
    if "_ancestors" not in context.render_context:
        request = context.get("request")

        context.render_context["_ancestors"] = cache.cached(
            "ancestors", lambda: cache.page_ancestors(page, request), page.pk
        )
    return context.render_context["_ancestors"]


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page of the tree the visitor is in (its language, else the French one)."""
    page = context.get("page")
    if page is not None and getattr(page, "depth", None) == 2:
        return page
    ancestors = _ancestors(context)
    if ancestors:
        return ancestors[0]
    site = _site(context)
    if site is None:
        return None
    # A page outside the tree (the search page): the localised home, per site and language.
    request = context.get("request")

    def build():
        found = cache.localized_home(request, site) if request is not None else None
        return found if found is not None else site.root_page.localized

    return cache.cached("localized-home", build, site.pk, translation.get_language())


def site_texts(context):
    """The site's texts in the visitor's language, read once per request (the header's menu and
    the included footer would each read them: an include has its own render context)."""
    request = context.get("request")
    if request is None:
        return SiteTexts.current()
    if not hasattr(request, "_site_texts"):
        request._site_texts = SiteTexts.current()
    return request._site_texts


def _shared_chrome(context):
    """The footer's text and both menus' links (without « you are here »), the same on every
    page of a language: computed once per generation (home.cache), not on every request."""
    request = context.get("request")
    if request is None:
        return _build_chrome(context)
    if not hasattr(request, "_shared_chrome"):
        site = _site(context)
        request._shared_chrome = cache.cached(
            "chrome", lambda: _build_chrome(context), getattr(site, "pk", None), translation.get_language()
        )
    return request._shared_chrome


def _build_chrome(context):
    """The footer's text, both menus and the accessibility status: the pages they link read
    together, in two queries (the pages, their translations in the reader's language)."""
    texts = site_texts(context)
    site_settings = SiteSettings.for_site(_site(context))
    values = {field: [block["value"] for block in getattr(texts, field).raw_data] if texts else [] for field in MENUS}
    ids = [value.get("page") for field in MENUS for value in values[field] if value.get("page")]
    statement_id = site_settings.accessibility_statement_id
    pages = _localized_pages([*ids, *([statement_id] if statement_id else [])], context.get("request"))
    chrome = {"footer_text": texts.footer_text if texts else ""}
    chrome.update(_menu_links(context, values, pages))
    statement = pages.get(statement_id)
    url = statement.get_url(request=context.get("request")) if statement is not None and statement.live else None
    chrome["accessibility"] = {"status": str(site_settings.get_accessibility_status_display()), "url": url}
    return chrome


def _localized_pages(ids, request=None):
    """``{id: the page in the reader's language}`` for the pages ``ids`` that exist, as
    ``localized(pages, Page.objects.live())`` gives them (a page without a live version in that
    language stays itself): from what routing read when they are all home pages' children (the
    usual menus: no query), else in one query, the pages and their live versions."""
    locale_id = active_locale_id()
    found = cache.home_children_and_translations(request, ids) if request is not None else None
    if found is not None:
        by_pk, versions = found
        rows = [row for pages in versions.values() for row in pages]
    else:
        keys = Page.objects.filter(pk__in=ids).values("translation_key")
        rows = list(Page.objects.filter(Q(pk__in=ids) | Q(live=True, locale_id=locale_id, translation_key__in=keys)))
        by_pk = {row.pk: row for row in rows}
    translated = {row.translation_key: row for row in rows if row.live and row.locale_id == locale_id}
    return {pk: translated.get(by_pk[pk].translation_key, by_pk[pk]) for pk in dict.fromkeys(ids) if pk in by_pk}


@register.simple_tag(takes_context=True)
def accessibility_status(context):
    return _shared_chrome(context)["accessibility"]


def _menu_links(context, values, pages):
    """Both menus' links from the streams' raw data (each StreamField's blocks would read their
    pages: a query per menu)."""
    request = context.get("request")
    menus = {}
    for field in MENUS:
        links = menus[field] = []
        for value in values[field]:
            page = pages.get(value.get("page"))
            if page is not None:
                if not page.live:
                    continue
                links.append(
                    {
                        "url": page.get_url(request=request),
                        "text": value.get("text") or page.title,
                        "page_id": page.pk,
                        "path": page.path,
                    }
                )
            else:
                links.append(
                    {"url": value.get("url") or "", "text": value.get("text") or "", "page_id": None, "path": None}
                )
    return menus


@register.simple_tag(takes_context=True)
def footer_text(context):
    return _shared_chrome(context)["footer_text"]


def _menu_items(context, field):
    if context.get("request") is None:
        return []
    current = context.get("page")
    items = []
    for link in _shared_chrome(context)[field]:
        is_current = (
            bool(current)
            and link["page_id"] is not None
            and (current.pk == link["page_id"] or current.path.startswith(link["path"]))
        )
        items.append({"url": link["url"], "text": link["text"], "is_current": is_current})
    return items


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    return {"items": _menu_items(context, "main_menu")}


@register.inclusion_tag("components/footer_menu.html", takes_context=True)
def footer_menu(context):
    return {"items": _menu_items(context, "footer_menu")}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": [], "page": page}
    ancestors = [ancestor for ancestor in _ancestors(context) if ancestor.live]
    return {
        "ancestors": ancestors,
        "page": page,
        # A routable page's sub-view (e.g. a proposal's history) is the current crumb.
        "subpage_title": context.get("subpage_title"),
        "request": context.get("request"),
    }


def _page_language_links(page, request, current):
    translations = cache.route_translations(request, page) if request is not None else None
    if translations is None:
        translations = page.get_translations(inclusive=True).select_related("locale")
    by_locale = {p.locale.language_code: p for p in translations if p.live}
    links = []
    for code, name in settings.LANGUAGES:
        target = by_locale.get(code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": target.get_url(request=request) if target else None,
                "is_current": code == current,
                "is_source": code == settings.LANGUAGE_CODE,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language: the URL of this page in that language, if it exists (a
    translation, or the synchronised copy of a page not translated yet); the source language's
    is also the ``x-default`` of search engines."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    links = []
    if page is not None and getattr(page, "pk", None):
        site = _site(context)
        build = lambda: _page_language_links(page, request, current)  # noqa: E731
        return cache.cached("languages", build, page.pk, getattr(site, "pk", None), current)
    elif request is not None:
        # One leading slash, whatever the request's path: « //evil.example/ » must not become a
        # link to another host.
        path = "/" + request.get_full_path().lstrip("/\\")
        for code, name in settings.LANGUAGES:
            links.append(
                {
                    "code": code,
                    "name": name,
                    "url": translate_url(path, code),
                    "is_current": code == current,
                    "is_source": code == settings.LANGUAGE_CODE,
                }
            )
    return links

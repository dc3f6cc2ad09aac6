"""Template tags for what every page shows: menus, breadcrumbs, language links."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from home.localization import localized
from home.models import SiteTexts

register = template.Library()


def _site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request else None


def _ancestors(context):
    """The current page's ancestors below the tree root, fetched once per render."""
    page = context.get("page")
    if page is None or not getattr(page, "pk", None):
        return []
    if "_ancestors" not in context.render_context:
        context.render_context["_ancestors"] = list(page.get_ancestors().filter(depth__gt=1))
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
    return site.root_page.localized


def site_texts(context):
    """The site's texts in the visitor's language, read once per request (the header's menu and
    the included footer would each read them: an include has its own render context)."""
    request = context.get("request")
    if request is None:
        return SiteTexts.current()
    if not hasattr(request, "_site_texts"):
        request._site_texts = SiteTexts.current()
    return request._site_texts


@register.simple_tag(takes_context=True)
def footer_text(context):
    texts = site_texts(context)
    return texts.footer_text if texts else ""


def _menu_items(context, field):
    request = context.get("request")
    navigation = site_texts(context)
    if request is None or navigation is None:
        return []
    current = context.get("page")
    pages = [block.value["page"] for block in getattr(navigation, field) if block.value["page"]]
    translations = {
        source.pk: page for source, page in zip(pages, localized(pages, Page.objects.live()), strict=True)
    }
    items = []
    for block in getattr(navigation, field):
        link = block.value
        if link["page"]:
            page = translations[link["page"].pk]
            if not page.live:
                continue
            url = page.get_url(request=context.get("request"))
            text = link["text"] or page.title
            is_current = bool(current) and (
                current.pk == page.pk or current.path.startswith(page.path)
            )
        else:
            url, text, is_current = link["url"], link["text"], False
        items.append({"url": url, "text": text, "is_current": is_current})
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
        by_locale = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
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

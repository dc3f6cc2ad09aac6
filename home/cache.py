"""What every page shares, computed once and kept in Django's cache until something is published.

A public information site is read far more than it is written, and every page changes only
when someone publishes. So one number, the site's *generation*, is kept in the default cache
(Redis in production, shared by every app server; local memory in development and tests); every
cached value's key carries it, and anything that may change what a visitor sees (a page
published, unpublished, moved or deleted, a snippet published, a setting or a view restriction
saved) moves it on: every cached value is then out of date at once, without having to know
which pages showed what. Old entries are left to expire.

Cached here: the private sections (``.public()``), the menus and the footer's text, and whole
anonymous pages (:class:`PageCacheMiddleware`). Through :func:`cached` and :func:`cached_for_page`,
each section keeps what its pages read of the database (linked pages, listings, figures: their
``context.py``), so that a page rendered again asks the database for the page itself only.
"""

import contextvars
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

GENERATION_KEY = "site-generation"
# Cached values outlive no generation; this only bounds how long unused ones take space.
TIMEOUT = 24 * 60 * 60


# The generation as read at the start of the request being served (``PageCacheMiddleware``): a
# page reads a dozen cached values, and each would otherwise cost a round trip to Redis for the
# generation first. Unset outside a request (commands, tests' own code): read every time.
_request_generation = contextvars.ContextVar("site_generation", default=None)


def _read_generation(value=None):
    """The generation in the cache, ``value`` if already read (a new one when the cache was
    emptied: nothing stale survives)."""
    if value is None:
        value = cache.get(GENERATION_KEY)
    if value is None:
        value = time.time_ns()
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY, value)
    return value


def generation():
    """The current generation."""
    value = _request_generation.get()
    return _read_generation() if value is None else value


def bump(*args, **kwargs):
    """Make every cached value out of date (a signal handler: takes and ignores any arguments)."""
    value = time.time_ns()
    cache.set(GENERATION_KEY, value, None)
    if _request_generation.get() is not None:
        # A publish during a request (the editor's own): the rest of it sees the new generation.
        _request_generation.set(value)


def key(*parts):
    return ":".join(["shared", str(generation()), *map(str, parts)])


def cached(name, build, *parts):
    """``build()``, computed once per generation for ``name`` and ``parts``."""
    cache_key = key(name, *parts)
    value = cache.get(cache_key)
    if value is None:
        value = build()
        cache.set(cache_key, value, TIMEOUT)
    return value


def cached_for_page(name, build, page, request=None, *parts):
    """``build()`` for a published page, once per generation, its pk and the language: what a
    page's context reads of other pages. Built afresh for a preview or a page not saved yet:
    the page is then a draft (its links, figures, milestones in memory), which must never
    reach the cache that visitors read."""
    if not page.pk or getattr(request, "is_preview", False):
        return build()
    return cached(name, build, page.pk, translation.get_language(), *parts)


def cached_many(name, ids, build, *parts):
    """``{id: value}`` for ``ids``, each computed once per generation for ``name`` and ``parts``:
    one round trip to the cache for all of them, and ``build(missing_ids)`` (a dict) for the
    ones not cached yet. An id that ``build`` leaves out is left out."""
    prefix = key(name, *parts)
    keys = {f"{prefix}:{id_}": id_ for id_ in ids}
    found = {keys[cache_key]: value for cache_key, value in cache.get_many(list(keys)).items()}
    missing = [id_ for id_ in ids if id_ not in found]
    if missing:
        built = build(set(missing))
        cache.set_many({f"{prefix}:{id_}": value for id_, value in built.items()}, TIMEOUT)
        found.update(built)
    return found


# The cached value of restricted_paths(), which routing also fills from its own query.
RESTRICTED_PATHS = "restricted-paths"


def restricted_paths():
    """Tree paths of the pages under a view restriction (password, login, groups)."""
    from wagtail.models import PageViewRestriction

    return cached(
        RESTRICTED_PATHS,
        lambda: sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))),
    )


def private_q(queryset):
    """Wagtail's ``PageQuerySet.private_q`` without its query on every call: ``.public()`` ran
    it four or five times per page; the restricted sections rarely change and a change moves
    the generation on."""
    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def view_restrictions(original):
    """Wagtail's ``Page.get_view_restrictions`` ran two queries on every page served (its
    ancestors, then their restrictions): none at all while no section of the site is private."""

    def get_view_restrictions(page):
        if not restricted_paths():
            from wagtail.models import PageViewRestriction

            return PageViewRestriction.objects.none()
        return original(page)

    return get_view_restrictions


def _relative_url_path(page):
    """A page's path below its language's home page (``programme/``; ``""`` for the home)."""
    parts = page.url_path.strip("/").split("/")[1:]
    return "/".join(parts) + "/" if parts else ""


def route_for_request(original):
    """Wagtail's ``Page.route_for_request`` with the page found from the cache: routing walks
    the tree from the site's root, two queries per level (a proposal: eight); the cached route
    (per site, language and path, until the next publish or move) leaves one, the page itself.
    A routable page's sub-URL (exports, feeds) is resolved again from its path, with no query."""

    def route(request, path):
        from django.apps import apps
        from wagtail.models import Site

        if hasattr(request, "_wagtail_route_for_request"):
            return request._wagtail_route_for_request
        site = Site.find_for_request(request)
        if site is None:
            return original(request, path)
        route_key = key("route", site.pk, translation.get_language(), path)
        found = cache.get(route_key)
        if found is not None:
            pk, label, subpath = found
            page = _pages_with_related(apps.get_model(label)).filter(pk=pk, live=True).first()
            if page is not None:
                if subpath is None:
                    from wagtail.url_routing import RouteResult

                    result = RouteResult(page)
                else:
                    result = page.route(request, [part for part in subpath.split("/") if part])
                request._wagtail_route_for_request = result
                return result
        result = _route_in_two_queries(request, site, path)
        if result is _UNROUTED:
            result = original(request, path)
        else:
            request._wagtail_route_for_request = result
        if result is not None:
            page = result[0]
            relative = _relative_url_path(page)
            routable = hasattr(page, "resolve_subpage")
            if path.startswith(relative) and (routable or not result[1]):
                subpath = path[len(relative) :] if routable else None
                cache.set(route_key, (page.pk, page._meta.label, subpath), TIMEOUT)
        return result

    route.wagtail_route = original  # the tests compare the two
    return route


_UNROUTED = object()


def _pages_with_related(model):
    """The model's pages, each read with what its template reads through a foreign key
    (``route_select_related`` on the page model, e.g. a quartier's shared objectives)."""
    related = getattr(model, "route_select_related", ())
    # Never ``select_related()`` with no names: that follows every foreign key.
    return model.objects.select_related(*related) if related else model.objects.all()


def _route_in_two_queries(request, site, path):
    """Wagtail's route (``root_page.localized.specific.route``: a query for the locale, then two
    per level of the tree) found with one query for the language's home page and every page the
    path's segments could name, then one for the page found. The same decisions as Wagtail's
    walk: a live routable page on the way answers the rest of the path if its routes match
    (exports, feeds), the page the whole path names is the answer if it is live, anything else is
    a 404 (``None``). ``_UNROUTED`` (Wagtail's own walk then) for a request this does not expect."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Subquery
    from django.http import Http404
    from django.urls import Resolver404
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Page

    try:
        language = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return _UNROUTED
    components = [component for component in path.split("/") if component]
    rows = _read_site_pages(
        request,
        Q(pk=site.root_page_id)
        | Q(slug__in=components)
        # The candidates' translations too: the language links read them (no query of their own).
        | Q(translation_key__in=Subquery(Page.objects.filter(slug__in=components).values("translation_key"))),
    )
    site_root = next((row for row in rows if row.pk == site.root_page_id), None)
    if site_root is None:
        return _UNROUTED
    # The language's home page, else the site's own (``Page.localized``).
    root = next(
        (
            row
            for row in rows
            if row.translation_key == site_root.translation_key and row.locale.language_code == language
        ),
        site_root,
    )
    chain = [root]
    for level, slug in enumerate(components, start=1):
        parent = chain[-1]
        child = next(
            (
                row
                for row in rows
                if row.slug == slug and row.depth == root.depth + level and row.path.startswith(parent.path)
            ),
            None,
        )
        if child is None:
            break
        chain.append(child)
    for level, row in enumerate(chain):
        model = ContentType.objects.get_for_id(row.content_type_id).model_class() or Page
        rest = components[level:]
        answers = False
        if row.live and hasattr(model, "get_resolver"):
            try:
                model.get_resolver().resolve("/" + "".join(f"{part}/" for part in rest))
                answers = True
            except Resolver404:
                pass
        if not answers and level == len(components):
            if not row.live:
                return None
            answers = True
        if answers:
            page = _pages_with_related(model).get(pk=row.pk)
            if root.depth == 2:
                # The ancestors below the tree's root, as the breadcrumbs read them: no query.
                request._route_ancestors = (page.pk, chain[:level])
            request._route_translations = (
                page.pk,
                [other for other in rows if other.translation_key == row.translation_key],
            )
            try:
                return page.route(request, rest)
            except Http404:
                return None
    return None


def _read_site_pages(request, wanted=None):
    """The pages most pages of the site read, in one query with the ``wanted`` ones (the route's
    candidates): every site's home page in every language (Wagtail's site root paths, seeded
    under its own key), the private sections (``.public()``, the view restrictions), the home
    pages' children and their translations (the menus, the sections' indexes:
    :func:`home_children`, :func:`home_child`). Kept on the request."""
    from django.db.models import Exists, OuterRef
    from wagtail.models import Page, PageViewRestriction

    all_sites = sites()
    depths = {site.root_page.depth + 1 for site in all_sites}
    children = Page.objects.filter(depth__in=depths)
    shared = (
        Q(translation_key__in=[site.root_page.translation_key for site in all_sites])
        | Q(pk__in=PageViewRestriction.objects.values("page_id"))
        | Q(pk__in=children.values("pk"))
        | Q(translation_key__in=children.values("translation_key"))
    )
    rows = list(
        Page.objects.filter(shared | wanted if wanted is not None else shared)
        .annotate(restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
        .select_related("locale")
    )
    request._route_rows = (rows, depths)
    cache.add(key(RESTRICTED_PATHS), sorted({row.path for row in rows if row.restricted}), TIMEOUT)
    _seed_site_root_paths(all_sites, rows)
    return rows


def read_site_pages(request):
    """For a view that shows a page of the site without routing to one (the search): what
    routing reads for every page (:func:`_read_site_pages`), in one query, by the first such
    request of a generation (when what they feed is not cached yet), else nothing (one look at
    the cache)."""
    if getattr(request, "_route_rows", None) is None and cache.add(key("site-pages-read"), True, TIMEOUT):
        _read_site_pages(request)


def localized_home(request, site):
    """``site.root_page.localized`` (the home page in the active language if it is live there,
    else the site's own) from the pages this request read (:func:`_read_site_pages`), else
    ``None``."""
    from wagtail.coreutils import get_supported_content_language_variant

    found = getattr(request, "_route_rows", None)
    if found is None or site is None:
        return None
    try:
        language = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return None
    root = next((row for row in found[0] if row.pk == site.root_page_id), None)
    if root is None:
        return None
    version = next(
        (
            row
            for row in found[0]
            if row.translation_key == root.translation_key and row.locale.language_code == language
        ),
        None,
    )
    return version if version is not None and version.live else root


def _live_and_public(row, private):
    """Whether a page row read by routing is live and outside the private sections ``private``
    (``.live().public()`` without a query)."""
    return row.live and not any(row.path.startswith(path) for path in private)


def home_children(request, page):
    """The live, public children of the home page ``page``, in the tree's order, if this
    request's routing read them (it reads every home page's children), else ``None``."""
    found = getattr(request, "_route_rows", None)
    if found is None or page.depth + 1 not in found[1]:
        return None
    rows, _depths = found
    private = restricted_paths()
    return sorted(
        (
            row
            for row in rows
            if row.depth == page.depth + 1 and row.path.startswith(page.path) and _live_and_public(row, private)
        ),
        key=lambda row: row.path,
    )


def home_child(request, model, locale_id):
    """The live, public child of a home page in ``locale_id`` whose type is ``model`` (a section's
    index: its own fields deferred), if this request's routing read it, else ``None``."""
    found = getattr(request, "_route_rows", None)
    if found is None:
        return None
    rows, depths = found
    private = restricted_paths()
    for row in sorted(rows, key=lambda row: row.path):
        model_class = row.specific_class
        if (
            row.depth in depths
            and row.locale_id == locale_id
            and model_class is not None
            and issubclass(model_class, model)
            and _live_and_public(row, private)
        ):
            return row.specific_deferred
    return None


def home_children_and_translations(request, ids):
    """``{id: page}`` for the pages ``ids`` and ``{translation_key: [pages]}`` of their versions in
    every language, if all of them are home pages' children that this request's routing read;
    else ``None``."""
    found = getattr(request, "_route_rows", None)
    if found is None:
        return None
    rows, depths = found
    by_pk = {row.pk: row for row in rows}
    if not all(pk in by_pk and by_pk[pk].depth in depths for pk in ids):
        return None
    keys = {by_pk[pk].translation_key for pk in ids}
    versions = {}
    for row in rows:
        if row.translation_key in keys:
            versions.setdefault(row.translation_key, []).append(row)
    return {pk: by_pk[pk] for pk in ids}, versions


def route_translations(request, page):
    """Every translation of ``page`` (itself included, live or not) if this request's routing read
    them, else ``None``."""
    found = getattr(request, "_route_translations", None)
    if found is not None and found[0] == page.pk:
        return found[1]
    return None


def route_ancestors(request, page):
    """The ancestors of ``page`` below the tree's root if this request's routing read them, else
    ``None``."""
    found = getattr(request, "_route_ancestors", None)
    if found is not None and found[0] == page.pk:
        return found[1]
    return None


def page_ancestors(page, request=None):
    """``page``'s ancestors below the tree's root, its home page first: those this request's
    routing read (no query), else one query."""
    found = route_ancestors(request, page) if request is not None else None
    return found if found is not None else list(page.get_ancestors().filter(depth__gt=1))


def page_parent(page, request=None):
    """``page``'s parent (a plain ``Page``: its title and URL), from the ancestors this request's
    routing read (no query), else from the tree."""
    ancestors = page_ancestors(page, request)
    return ancestors[-1] if ancestors else page.get_parent()


def site_for_request(request):
    """The request's Wagtail site, from the cache (Wagtail queries it on every request)."""
    from django.http.request import split_domain_port

    if not hasattr(request, "_wagtail_site"):
        # The validated host (``get_host`` refuses one not in ALLOWED_HOSTS), then the same
        # choice as Wagtail's ``Site._find_for_request``.
        request.get_host()
        hostname = split_domain_port(request._get_raw_host())[0]
        request._wagtail_site = _site_for_hostname(sites(), hostname, request.get_port())
    return request._wagtail_site


def sites():
    """Every site with its root page, the root's locale and its settings (``SiteSettings``), in
    one query per generation: Wagtail reads the site, then its root paths (two queries), then
    the settings, each on its own. A handful of rows."""
    from wagtail.models import Site

    return cached("sites", lambda: list(Site.objects.select_related("root_page__locale", "sitesettings")))


def _site_for_hostname(all_sites, hostname, port):
    """Wagtail's ``get_site_for_hostname`` over the sites already read: the site with this
    hostname and port, else this hostname's default, else the default site unless exactly one
    other site has this hostname. ``None`` if nothing matches."""
    from wagtail.models.sites import MATCH_DEFAULT, MATCH_HOSTNAME, MATCH_HOSTNAME_DEFAULT, MATCH_HOSTNAME_PORT

    def match(site):
        if site.hostname == hostname and site.port == port:
            return MATCH_HOSTNAME_PORT
        if site.hostname == hostname and site.is_default_site:
            return MATCH_HOSTNAME_DEFAULT
        return MATCH_DEFAULT if site.is_default_site else MATCH_HOSTNAME

    candidates = sorted((site for site in all_sites if site.hostname == hostname or site.is_default_site), key=match)
    if not candidates:
        return None
    first = match(candidates[0])
    if len(candidates) == 1 or first in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return candidates[0]
    if first == MATCH_DEFAULT:
        return candidates[len(candidates) == 2]
    return None


def site_settings(site):
    """The site's ``SiteSettings`` if :func:`sites` read them with it, else ``None`` (no query)."""
    if site is None or not type(site).sitesettings.is_cached(site):
        return None
    return getattr(site, "sitesettings", None)


def _seed_site_root_paths(all_sites, rows):
    """Wagtail's site root paths (``Site.get_site_root_paths``, two queries when not cached),
    made from the sites and the translations of their home pages that routing has just read;
    the same list, in Wagtail's order and under its cache key, which Wagtail empties itself when
    a site or a home page changes."""
    from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION, SiteRootPath

    ordered = sorted(all_sites, key=lambda site: site.hostname)
    ordered.sort(key=lambda site: site.is_default_site, reverse=True)
    ordered.sort(key=lambda site: site.root_page.url_path, reverse=True)
    result = []
    for site in ordered:
        translations = sorted(
            (row for row in rows if row.translation_key == site.root_page.translation_key), key=lambda row: row.path
        )
        if not translations:
            return  # a home page routing did not read: Wagtail builds the list itself
        result.extend(
            SiteRootPath(site.id, row.url_path, site.root_url, row.locale.language_code) for row in translations
        )
    cache.add(SITE_ROOT_PATHS_CACHE_KEY, result, 3600, version=SITE_ROOT_PATHS_CACHE_VERSION)


class PageCacheBackend(BaseBackend):
    """Wagtail's front-end cache backend for our own page cache: a purge starts a new generation.

    A published page also changes the listings, menus and links of other pages, which purging
    its own URLs would leave stale; the whole cache goes out of date instead (publishing is rare).
    """

    def purge(self, url):
        bump()

    def purge_batch(self, urls):
        bump()


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD") or not settings.PAGE_CACHE_TIMEOUT:
        return False
    if request.path.startswith(settings.PAGE_CACHE_EXEMPT_PREFIXES):
        return False
    # A session (an editor, a page password given) or a preview: the page is someone's own.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "preview" in request.GET:
        return False
    # A message waiting for this visitor (messages' cookie storage) belongs in their page only.
    return "messages" not in request.COOKIES


def _cacheable_response(request, response):
    if response.status_code != 200 or response.cookies:
        return False
    # An asynchronous stream is read by the server's event loop, not here.
    if response.streaming and response.is_async:
        return False
    if not response.streaming and len(response.content) > settings.PAGE_CACHE_MAX_BYTES:
        return False
    # The search page counts each query (search statistics): it is answered every time.
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name in settings.PAGE_CACHE_EXEMPT_URL_NAMES:
        return False
    # A page with a form carrying a CSRF token (or anything else that asked for the token).
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    cache_control = response.get("Cache-Control", "")
    return "private" not in cache_control and "no-store" not in cache_control


def _page_key(request):
    """Without the generation: the entry holds the generation it was stored in, so that a hit is
    one round trip to the cache (the generation and the page together)."""
    # The language LocaleMiddleware (inside this one) will activate: the path's prefix, else the
    # visitor's cookie or Accept-Language.
    language = translation.get_language_from_request(request, check_path=True)
    raw = "\n".join([request.get_host(), language or "", request.get_full_path()])
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


class PageCacheMiddleware:
    """Whole responses for anonymous GET requests, from the cache until the next publish.

    Keyed by host, language and full path (query string included). A streamed response (the
    open-data exports) is passed on as it is made and cached once complete if no larger than
    ``PAGE_CACHE_MAX_BYTES`` (``_tee``). Never for a visitor with a
    session (an editor, a page password), a preview, a page carrying a CSRF token (the contact
    form, a password form) or one that sets a cookie. Placed outside every middleware that a page
    served from the cache does not need (sessions, language, CSRF, messages, CSP…): a page is
    stored with the headers they added on its way out, and a hit skips them; the security
    headers and the conditional-GET answer (ETag, 304) are still added outside. Browsers revalidate
    every time (``max-age=0``: a publish is seen at once); a proxy may keep the page
    ``PAGE_CACHE_PROXY_SECONDS``, Wagtail's front-end cache app purging it on publish.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            value = _read_generation()
            token = _request_generation.set(value)
            try:
                site_for_request(request)
                response = self.get_response(request)
            finally:
                _request_generation.reset(token)
            if response.streaming and not response.is_async:
                response.streaming_content = _within_generation(response.streaming_content, value)
            return response
        page_key = _page_key(request)
        found = cache.get_many([GENERATION_KEY, page_key])
        current = _read_generation(found.get(GENERATION_KEY))
        stored_generation, response = found.get(page_key, (None, None))
        if response is not None and stored_generation == current:
            response["X-Page-Cache"] = "hit"
            return response
        token = _request_generation.set(current)
        try:
            site_for_request(request)
            response = self.get_response(request)
            self._store(request, response, page_key)
        finally:
            _request_generation.reset(token)
        return response

    def _store(self, request, response, page_key):
        if _cacheable_response(request, response):
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                must_revalidate=True,
                s_maxage=settings.PAGE_CACHE_PROXY_SECONDS,
            )
            # Nothing a visitor sees changed since the generation began (a publish starts one).
            response.setdefault("Last-Modified", http_date(generation() / 1e9))
            if response.streaming:
                response.streaming_content = _tee(response, response.streaming_content, page_key, generation())
            else:
                if not response.has_header("ETag"):
                    response["ETag"] = _etag(response.content)
                cache.set(page_key, (generation(), response), settings.PAGE_CACHE_TIMEOUT)
            response["X-Page-Cache"] = "miss"
        elif response.streaming and not response.is_async:
            response.streaming_content = _within_generation(response.streaming_content, generation())


def _etag(content):
    digest = hashlib.md5(content, usedforsecurity=False).hexdigest()
    return f'"{digest}"'


def _within_generation(chunks, value):
    """``chunks``, each made with the request's generation set (a stream is read after the
    middleware has returned): the code that makes them reads the cache as the view did."""
    chunks = iter(chunks)
    while True:
        token = _request_generation.set(value)
        try:
            chunk = next(chunks)
        except StopIteration:
            return
        finally:
            _request_generation.reset(token)
        yield chunk


def _tee(response, chunks, page_key, value):
    """A streamed response's ``chunks``, passed on as they come and kept: once the stream is over,
    the whole response goes into the cache (so the next request is a hit, with an ETag), unless
    it grew over ``PAGE_CACHE_MAX_BYTES`` (then what was kept is let go at once) or the client
    went away before the end (the generator is closed: nothing is stored).

    The streamed answer itself has no ETag (it is not known before the last byte): its
    ``Last-Modified`` (the generation's start) is what a client revalidates it with."""
    # The headers as they are now, as for a page cached whole: those the middleware above adds
    # on the way out are added again to a hit.
    headers = dict(response.items())
    status = response.status_code

    def passed_on():
        kept, size = [], 0
        for chunk in _within_generation(chunks, value):
            if kept is not None:
                size += len(chunk)
                if size > settings.PAGE_CACHE_MAX_BYTES:
                    kept = None
                else:
                    kept.append(chunk)
            yield chunk
        if kept is not None:
            content = b"".join(kept)
            stored = HttpResponse(content, status=status, headers=headers)
            if not stored.has_header("ETag"):
                stored["ETag"] = _etag(content)
            cache.set(page_key, (value, stored), settings.PAGE_CACHE_TIMEOUT)

    return passed_on()


def connect_signals():
    """Start a new generation whenever what a visitor may see changes."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

    for signal in (page_published, page_unpublished, published, unpublished, post_page_move):
        signal.connect(bump, dispatch_uid=f"home.cache.bump.{id(signal)}")
    for model in (PageViewRestriction, Site, Locale):
        post_save.connect(bump, sender=model, dispatch_uid=f"home.cache.save.{model.__name__}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"home.cache.delete.{model.__name__}")

    def on_save(sender, **kwargs):
        if issubclass(sender, (BaseSiteSetting, BaseGenericSetting)):
            bump()

    def on_delete(sender, **kwargs):
        if issubclass(sender, (Page, BaseSiteSetting, BaseGenericSetting)):
            bump()

    # Strong references: these handlers are local functions, a weak one would be collected.
    post_save.connect(on_save, weak=False, dispatch_uid="home.cache.settings")
    post_delete.connect(on_delete, weak=False, dispatch_uid="home.cache.deleted")

"""Every public page of the site is self-contained: nothing is loaded from another host.

The test crawls the demo site as a visitor would — every live public page of every language,
then whatever those pages link to on the same site (sections, filters, feeds, exports, the
sitemap) — and fails when a *resource* (script, stylesheet, image, font, frame, media, form
target, CSS ``url()`` or ``@import``) points to another host. Plain outbound links
(``<a href>``) are navigation, not resources: a page may link to another site.
"""

import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from wagtail.models import Page, Site

from tests.html import soup
from tests.responses import body as read

pytestmark = pytest.mark.django_db

MAX_URLS = 1500
MAX_QUERY_VARIANTS_PER_PATH = 6
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/documents/")

# <link rel=…> values that make the browser fetch something.
RESOURCE_LINK_RELS = {
    "stylesheet", "icon", "shortcut", "apple-touch-icon", "apple-touch-icon-precomposed",
    "mask-icon", "manifest", "preload", "modulepreload", "prefetch", "prerender", "preconnect",
    "dns-prefetch",
}
# (tag, attribute) pairs that load a resource.
RESOURCE_ATTRIBUTES = {
    ("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
    ("video", "src"), ("video", "poster"), ("audio", "src"), ("track", "src"), ("iframe", "src"),
    ("frame", "src"), ("embed", "src"), ("object", "data"), ("input", "src"), ("image", "href"),
    ("image", "xlink:href"), ("use", "href"), ("use", "xlink:href"), ("feimage", "href"),
    ("form", "action"), ("button", "formaction"), ("base", "href"), ("meta", "content"),
}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.I | re.S)


def own_hosts():
    hosts = {"testserver", "localhost", "127.0.0.1"}
    hosts.update(host for host in settings.ALLOWED_HOSTS if host and not host.startswith("."))
    hosts.update(Site.objects.values_list("hostname", flat=True))
    hosts.add(urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname)
    return {host.lower() for host in hosts if host}


def other_host(url, hosts):
    """The other host ``url`` points to, or None for this site, a relative URL or data:."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "mailto", "tel", "javascript"):
        return None
    if parts.netloc or url.startswith("//"):
        host = (parts.hostname or "").lower()
        return None if host in hosts else host or url
    return None


def srcset_urls(value):
    return [candidate.strip().split()[0] for candidate in (value or "").split(",") if candidate.strip()]


def css_urls(text):
    return [m.group(2) if m.group(2) is not None else m.group(4) for m in CSS_URL.finditer(text or "")]


@dataclass
class PageScan:
    """What one HTML document loads, links to and runs inline."""

    resources: list = field(default_factory=list)  # (description, url)
    links: list = field(default_factory=list)
    stylesheets: list = field(default_factory=list)
    inline_scripts: int = 0
    style_attributes: int = 0


def _attributes(element):
    """An element's attributes, names lowercased, lists (class, rel…) joined as in the source."""
    return {
        name.lower(): " ".join(value) if isinstance(value, list) else (value or "")
        for name, value in element.attrs.items()
    }


def scan_html(html):
    """Resource URLs, same-site links to crawl, stylesheets and inline code of ``html``."""
    result = PageScan()
    tree = soup(html)
    for element in tree.find_all(True):
        tag = element.name.lower()
        attrs = _attributes(element)
        if tag == "link":
            rels = set(attrs.get("rel", "").lower().split())
            if rels & RESOURCE_LINK_RELS:
                result.resources.append((f"<link rel={attrs.get('rel')}>", attrs.get("href", "")))
                for url in srcset_urls(attrs.get("imagesrcset")):
                    result.resources.append(("<link imagesrcset>", url))
                if "stylesheet" in rels:
                    result.stylesheets.append(attrs.get("href", ""))
            elif "alternate" in rels and attrs.get("type") and not attrs.get("hreflang"):
                result.links.append(attrs.get("href", ""))  # feeds and exports: crawl them too
            continue
        for resource_tag, attribute in RESOURCE_ATTRIBUTES:
            if tag != resource_tag or attribute not in attrs:
                continue
            value = attrs[attribute]
            if tag == "meta":
                if attrs.get("http-equiv", "").lower() == "refresh" and "url=" in value.lower():
                    result.resources.append(("<meta refresh>", value.split("=", 1)[1]))
                continue
            urls = srcset_urls(value) if attribute.endswith("srcset") else [value]
            result.resources.extend((f"<{tag} {attribute}>", url) for url in urls)
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/ld+json":
            result.inline_scripts += 1
        if "style" in attrs:
            result.style_attributes += 1
            result.resources.extend((f"<{tag} style>", url) for url in css_urls(attrs["style"]))
        if tag == "style":
            result.resources.extend(("<style>", url) for url in css_urls(element.get_text()))
        if tag == "a" and attrs.get("href"):
            result.links.append(attrs["href"])
    return result


def crawl(client):
    """Yield (url, response) for the site's pages and what they link to on the same site."""
    hosts = own_hosts()
    start = ["/", "/sitemap.xml", "/robots.txt", "/fr/recherche/", "/fr/recherche/?q=citadelle"]
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        url = page.get_url()
        if url:
            start.append(url)
    queue, seen, variants = deque(start), set(), {}
    while queue and len(seen) < MAX_URLS:
        url = queue.popleft()
        parts = urlsplit(url)
        if other_host(url, hosts) or parts.scheme not in ("", "http", "https"):
            continue
        path = parts.path or "/"
        if path.startswith(SKIPPED_PREFIXES):
            continue
        key = path + ("?" + parts.query if parts.query else "")
        if key in seen:
            continue
        if parts.query:
            variants[path] = variants.get(path, 0) + 1
            if variants[path] > MAX_QUERY_VARIANTS_PER_PATH:
                continue
        seen.add(key)
        response = client.get(key)
        yield key, response
        if response.status_code in (301, 302, 303, 307, 308):
            queue.append(urljoin(key, response["Location"]))
            continue
        content_type = response.get("Content-Type", "")
        body = read(response).decode("utf-8", "replace") if response.status_code == 200 else ""
        if "html" in content_type:
            links = scan_html(body).links
            queue.extend(urljoin(key, link.split("#")[0]) for link in links if link and not link.startswith("#"))
        elif "xml" in content_type and path.endswith("sitemap.xml"):
            for loc in ElementTree.fromstring(response.content).iter(f"{SITEMAP}loc"):
                queue.append(urlsplit(loc.text.strip()).path)


def scan(url, response, hosts):
    """The problems of one response: resources from another host."""
    problems = []
    content_type = response.get("Content-Type", "")
    if response.status_code != 200:
        return problems
    body = read(response).decode("utf-8", "replace")
    if "html" in content_type:
        scanner = scan_html(body)
        for description, resource in scanner.resources:
            host = other_host(resource, hosts)
            if host:
                problems.append(f"{url}: {description} loads {resource!r} from {host}")
        for stylesheet in scanner.stylesheets:
            problems.extend(scan_stylesheet(url, stylesheet, hosts))
    elif "xml" in content_type and not url.endswith("sitemap.xml"):
        problems.extend(scan_feed(url, body, hosts))
    elif "css" in content_type:
        for resource in css_urls(body):
            host = other_host(resource, hosts)
            if host:
                problems.append(f"{url}: CSS loads {resource!r} from {host}")
    return problems


def scan_stylesheet(page_url, href, hosts):
    """A stylesheet of this site must not import or reference anything from another host."""
    if other_host(href, hosts):
        return []  # already reported as a resource of the page
    path = urlsplit(href).path
    if not path.startswith(settings.STATIC_URL):
        return []
    found = finders.find(path[len(settings.STATIC_URL):])
    assert found, f"{page_url}: stylesheet {href} not found in the static files"
    with open(found, encoding="utf-8") as handle:
        text = handle.read()
    return [
        f"{page_url}: {href} loads {resource!r} from {other_host(resource, hosts)}"
        for resource in css_urls(text)
        if other_host(resource, hosts)
    ]


def scan_feed(url, body, hosts):
    """Feeds: enclosures, icons and images (also inside escaped HTML) stay on this site."""
    problems = []
    try:
        root = ElementTree.fromstring(body.encode("utf-8"))
    except ElementTree.ParseError:
        return [f"{url}: not well-formed XML"]
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1].lower()
        candidates = []
        if name in ("enclosure", "content", "thumbnail"):
            candidates.append(element.get("url") or element.get("src"))
        if name in ("icon", "logo"):
            candidates.append(element.text)
        if name == "link" and (element.get("rel") or "") == "enclosure":
            candidates.append(element.get("href"))
        if element.text and "<" in element.text:  # escaped HTML in a description or content
            candidates.extend(resource for _description, resource in scan_html(element.text).resources)
        for candidate in candidates:
            host = other_host(candidate, hosts)
            if host:
                problems.append(f"{url}: feed <{name}> loads {candidate!r} from {host}")
    return problems


@pytest.fixture(scope="module")
def crawled(django_db_setup, django_db_blocker):
    """One crawl for the module's tests: it only reads the demo site."""
    with django_db_blocker.unblock():
        return list(crawl(Client()))


def html_pages(crawled):
    """The crawled HTML pages that answered 200: at least every live page of the demo."""
    pages = [
        (url, response)
        for url, response in crawled
        if response.status_code == 200 and "html" in response.get("Content-Type", "")
    ]
    assert len(pages) >= 80, len(pages)  # 88 with the demo content
    return pages


def test_crawl_reaches_every_section(crawled):
    urls = {url for url, _response in crawled}
    sitemap = next(response for url, response in crawled if url == "/sitemap.xml")
    assert sitemap.status_code == 200
    assert len(ElementTree.fromstring(sitemap.content).findall(f"{SITEMAP}url")) >= 50
    for expected in ("/fr/", "/fr/programme/", "/fr/quartiers/", "/fr/culture/", "/fr/actualites/"):
        assert expected in urls
    assert sum(1 for url in urls if url.startswith("/fr/culture/")) >= 10
    assert all(response.status_code < 500 for _url, response in crawled)


def test_no_page_loads_anything_from_another_host(crawled):
    hosts = own_hosts()
    assert len(html_pages(crawled)) < len(crawled)  # feeds, exports and stylesheets too
    problems = [problem for url, response in crawled for problem in scan(url, response, hosts)]
    assert not problems, "\n".join(problems)


def test_public_pages_send_a_strict_content_security_policy(crawled):
    for url, response in html_pages(crawled):
        policy = response.get("Content-Security-Policy", "")
        assert "default-src 'self'" in policy, url
        assert "http" not in policy, url


def test_pages_need_no_inline_script_or_style(crawled):
    """The strict CSP would block them: everything lives in files served by the site."""
    problems = []
    for url, response in html_pages(crawled):
        scanner = scan_html(response.content.decode("utf-8", "replace"))
        if scanner.inline_scripts:
            problems.append(f"{url}: {scanner.inline_scripts} inline <script>")
        if scanner.style_attributes:
            problems.append(f"{url}: {scanner.style_attributes} style attribute(s)")
    assert not problems, "\n".join(problems)


# --- The checker itself ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "html, expected",
    [
        ('<script src="https://cdn.example.org/x.js"></script>', "cdn.example.org"),
        ('<link rel="stylesheet" href="//fonts.example.com/css">', "fonts.example.com"),
        ('<link rel="preconnect" href="https://fonts.gstatic.com">', "fonts.gstatic.com"),
        ('<img src="/media/a.png" srcset="/a.png 1x, https://img.example.net/b.png 2x" alt="">', "img.example.net"),
        ('<iframe src="https://www.youtube.com/embed/x"></iframe>', "www.youtube.com"),
        ('<svg><image href="https://tiles.example.org/1/2/3.png"/></svg>', "tiles.example.org"),
        ('<picture><source srcset="https://cdn.example.org/a.webp"></picture>', "cdn.example.org"),
        ('<div style="background: url(https://evil.example/a.png)"></div>', "evil.example"),
        ("<style>@import 'https://fonts.example.com/a.css';</style>", "fonts.example.com"),
        ('<form action="https://forms.example.com/post"></form>', "forms.example.com"),
        ('<video poster="https://v.example.com/p.jpg"></video>', "v.example.com"),
    ],
)
def test_checker_catches_external_resources(html, expected):
    hosts = {"testserver"}
    assert expected in [other_host(url, hosts) for _d, url in scan_html(html).resources]


@pytest.mark.parametrize(
    "html",
    [
        '<a href="https://www.service-public.fr/">Service public</a>',
        '<link rel="canonical" href="http://testserver/fr/">',
        '<link rel="alternate" hreflang="en" href="http://127.0.0.1:8000/en/">',
        '<img src="/static/img/a.png" alt=""><img src="data:image/png;base64,AAAA" alt="">',
        '<svg xmlns="http://www.w3.org/2000/svg"><a href="/fr/culture/citadelle/"><circle r="2"/></a></svg>',
        '<a href="mailto:contact@example.org">écrire</a>',
    ],
)
def test_checker_allows_links_and_own_resources(html):
    hosts = {"testserver", "127.0.0.1"}
    assert [url for _d, url in scan_html(html).resources if other_host(url, hosts)] == []


@pytest.mark.parametrize(
    "html, inline_scripts, style_attributes",
    [
        ("<script>alert(1)</script>", 1, 0),
        ('<script src="/static/a.js"></script><script type="application/ld+json">{}</script>', 0, 0),
        ('<p style="color: red">x</p>', 0, 1),
    ],
)
def test_checker_counts_inline_code(html, inline_scripts, style_attributes):
    scanner = scan_html(html)
    assert (scanner.inline_scripts, scanner.style_attributes) == (inline_scripts, style_attributes)

from django.conf import settings
from django.middleware.locale import LocaleMiddleware

# Paths outside the language trees whose « not found » is an answer, not a missing prefix.
UNPREFIXED_PATHS = ("/api/",)


class LanguagePrefixMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 of the API stays a 404.

    Django redirects any 404 without a language prefix to the same path under « /fr/ » when that
    path resolves, and Wagtail's catch-all resolves every path: an API « not found » (JSON, e.g.
    ``/api/v2/pages/find/?html_path=/nope/``) became a redirect to an HTML 404 under /fr/.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED_PATHS):
            return response
        return super().process_response(request, response)


class ContentSecurityPolicyMiddleware:
    """Send a strict Content Security Policy with every public response.

    Django 5.2 has no built-in CSP. Public pages use no inline script or style and nothing from
    another host; the Wagtail admin, which needs inline code, is exempt. A preview (Wagtail's
    dummy request, flagged ``is_preview``) may be framed by the admin's own pages, so that its
    side panel shows it; every other public response refuses to be framed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(settings.CONTENT_SECURITY_POLICY_EXEMPT_PREFIXES):
            if getattr(request, "is_preview", False):
                response.headers["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY_PREVIEW
            else:
                response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        response.headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        return response

from django.conf import settings


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

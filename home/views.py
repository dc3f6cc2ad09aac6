import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(max_age=60 * 60 * 24)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


#: Seconds a visitor is asked to wait when the database cannot be reached.
RETRY_AFTER = 30


def server_error(request):
    """The 500 page, or a 503 when the database cannot be reached (it needs no database).

    Neither page uses the request's context processors: the database may be why we are here.
    """
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        response = HttpResponse(render_to_string("503.html", {"retry_after": RETRY_AFTER}), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    return HttpResponse(render_to_string("500.html", {"team_notified": bool(settings.ADMINS)}), status=500)

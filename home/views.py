import functools
import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail import views as wagtail_views
from wagtail.documents.views import serve as wagtaildocs_serve
from wagtail.models import Site

from home.throttling import RateLimit, retry_context, too_many_requests


@require_GET
@cache_control(max_age=60 * 60 * 24)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        f"Sitemap: {_root_url(request)}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _root_url(request):
    """The Wagtail Site's address (the public one, see ``home.site_address``), else the request's."""
    site = Site.find_for_request(request)
    return site.root_url if site else request.build_absolute_uri("/").rstrip("/")


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


def bad_request(request, exception=None):
    """The 400 page; a request over Django's size limits is told which limit it passed."""
    context = {}
    if isinstance(exception, TooManyFieldsSent):
        context["max_fields"] = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    elif isinstance(exception, RequestDataTooBig):
        context["max_megabytes"] = round(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024), 1)
    return render(request, "400.html", context, status=400)


def login_locked_out(request, original_response=None, credentials=None):
    """The page axes shows once a username and address are locked out (AXES_LOCKOUT_CALLABLE)."""
    retry_after = int(settings.AXES_COOLOFF_TIME.total_seconds())
    context = {**retry_context(retry_after), "login_locked_out": True}
    return too_many_requests(render(request, "429.html", context), retry_after)


def limit_wrong_passwords(view):
    """Wagtail's password form ``view`` (pages, document collections), with the wrong answers
    of one client limited.

    Each refused password counts (Wagtail shows the form again, with 200); past the limit of
    ``THROTTLE_RATES["page_password"]`` the client gets the 429 page until the window ends.
    """

    @functools.wraps(view)
    def limited(request, *args, **kwargs):
        limit = RateLimit("page_password")
        if request.method == "POST" and (retry_after := limit.retry_after(request)):
            return too_many_requests(render(request, "429.html", retry_context(retry_after)), retry_after)
        response = view(request, *args, **kwargs)
        if request.method == "POST" and response.status_code == 200:
            limit.hit(request)
        return response

    return limited


authenticate_with_password = limit_wrong_passwords(wagtail_views.authenticate_with_password)
authenticate_document_with_password = limit_wrong_passwords(wagtaildocs_serve.authenticate_with_password)

"""How often one client may post a public form or guess a page password.

A small fixed-window counter in the default cache (Redis in production, so every app server
shares it; Django's local memory elsewhere) rather than a library: the pages need to know how
long the visitor must wait (the 429 page and its ``Retry-After`` say it), which is one division
here. The limits are ``settings.THROTTLE_RATES``: ``{scope: (requests, seconds)}``.
"""

import math
import time

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """The client's address: the connection's, or the one the trusted proxies were given.

    ``TRUSTED_PROXY_COUNT`` proxies each append an address to X-Forwarded-For, so the client's
    is that many from the right; what the client itself put to the left is not believed.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


class RateLimit:
    """At most ``requests`` counted hits per client in each window of ``seconds``."""

    def __init__(self, scope):
        self.scope = scope
        self.requests, self.seconds = settings.THROTTLE_RATES[scope]

    def _key(self, request, now):
        return f"throttle:{self.scope}:{client_ip(request)}:{int(now // self.seconds)}"

    def retry_after(self, request):
        """Seconds until this client may try again (at least 1), or ``None`` if it may now."""
        now = time.time()
        if cache.get(self._key(request, now), 0) < self.requests:
            return None
        return max(1, math.ceil((int(now // self.seconds) + 1) * self.seconds - now))

    def hit(self, request):
        """Count one request of this client."""
        key = self._key(request, time.time())
        cache.add(key, 0, self.seconds)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr: this hit opens the next window
            cache.add(key, 1, self.seconds)


def too_many_requests(response, retry_after):
    """Mark ``response`` as a 429 that says, in its header and its text, when to try again."""
    response.status_code = 429
    response["Retry-After"] = str(retry_after)
    return response


def retry_context(retry_after):
    """What the 429 templates need: the wait in whole minutes, rounded up."""
    return {"retry_after": retry_after, "retry_minutes": max(1, math.ceil(retry_after / 60))}

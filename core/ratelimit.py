"""Rate limits shared by every worker: counters in Django's cache framework.

The default cache is the database cache (``CACHE_URL``, see settings), so the gunicorn
workers share one count per client; a Redis or Memcached ``CACHE_URL`` also works.
The client is the address the trusted proxy saw (``TRUSTED_PROXY_HEADER`` and
``TRUSTED_PROXY_COUNT``), or ``REMOTE_ADDR`` when no proxy is configured: a header
sent by the visitor is never believed otherwise.

Counters are fixed windows of ``period`` seconds. The database cache increments by
read-then-write, so simultaneous hits from several workers may be counted once: the
limit can be overshot by at most the number of workers at once, never by more.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

CACHE_ALIAS = "default"


@dataclass(frozen=True)
class Limit:
    """At most ``count`` hits per ``period`` seconds for one key of ``scope``."""

    scope: str
    count: int
    period: int


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    count: int
    retry_after: int


def client_address(request: HttpRequest) -> str:
    """The visitor's address: taken from the trusted proxy's header when one is
    configured, else the connection's. An IPv6 address counts as its /64 network
    (one household or server usually has a whole /64), written as that network's
    first address."""
    address = request.META.get("REMOTE_ADDR", "") or ""
    header = getattr(settings, "TRUSTED_PROXY_HEADER", "")
    if header:
        count = max(1, int(getattr(settings, "TRUSTED_PROXY_COUNT", 1)))
        hops = [
            hop.strip()
            for hop in request.META.get(header, "").split(",")
            if hop.strip()
        ]
        # Each trusted proxy appends the address it saw: the client is the entry
        # written by the outermost trusted proxy; anything left of it is hearsay.
        if len(hops) >= count:
            address = hops[-count]
    return _normalise(address)


def _normalise(address: str) -> str:
    try:
        parsed = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return address[:64]
    if parsed.version == 6 and not parsed.ipv4_mapped:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)
    return str(parsed.ipv4_mapped or parsed) if parsed.version == 6 else str(parsed)


def _cache_key(limit: Limit, key: str, window: int) -> str:
    digest = hashlib.sha256(f"{limit.scope}|{key}".encode()).hexdigest()[:40]
    return f"ratelimit:{limit.scope}:{digest}:{window}"


def _window(limit: Limit, now: float) -> tuple[int, int]:
    window = int(now // limit.period)
    retry_after = max(1, math.ceil((window + 1) * limit.period - now))
    return window, retry_after


def hit(limit: Limit, key: str, *, now: float | None = None) -> Verdict:
    """Count one hit for ``key``; ``allowed`` is False once over the limit."""
    now = time.time() if now is None else now
    window, retry_after = _window(limit, now)
    cache = caches[CACHE_ALIAS]
    cache_key = _cache_key(limit, key, window)
    timeout = retry_after + 1  # the rest of this window
    if cache.add(cache_key, 1, timeout=timeout):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, timeout=timeout)
            count = 1
        else:
            # The database cache's incr writes the value back with the default
            # timeout (5 minutes): give the counter the rest of its window again.
            cache.touch(cache_key, timeout)
    return Verdict(count <= limit.count, count, retry_after)


def peek(limit: Limit, key: str, *, now: float | None = None) -> Verdict:
    """The current state of ``key`` without counting a hit."""
    now = time.time() if now is None else now
    window, retry_after = _window(limit, now)
    count = caches[CACHE_ALIAS].get(_cache_key(limit, key, window), 0)
    return Verdict(count < limit.count, count, retry_after)


def hit_client(limit: Limit, request: HttpRequest) -> Verdict:
    return hit(limit, client_address(request))


def too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    """The translated 429: a page for people, JSON for the API."""
    if request.path.startswith("/api/") or "application/json" in request.headers.get(
        "Accept", ""
    ):
        response: HttpResponse = JsonResponse(
            {
                "detail": _("Too many requests. Please try again later."),
                "retry_after": retry_after,
            },
            status=429,
        )
    else:
        minutes = max(1, math.ceil(retry_after / 60))
        response = HttpResponse(
            render_to_string(
                "core/too_many_requests.html",
                {"minutes": minutes},
                request=request,
            ),
            status=429,
        )
    response["Retry-After"] = str(retry_after)
    return response

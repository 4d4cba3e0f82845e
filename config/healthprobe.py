"""The container's health check: ``python -m config.healthprobe``.

It asks the portal's ``/healthz`` over plain HTTP from inside the container, the
way the proxy would: with a host the portal accepts (the first of
``ALLOWED_HOSTS``; the container's address is not one of them in production)
and ``X-Forwarded-Proto: https`` (in production every plain-HTTP request is
otherwise redirected to HTTPS; ``/healthz`` is also exempt from that redirect).
No Django here: the probe must stay cheap and independent of the settings.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

DEFAULT_URL = "http://127.0.0.1:8000/healthz"


def probe_host(allowed_hosts: str) -> str | None:
    """A concrete host name from ``ALLOWED_HOSTS`` (``.example.org`` →
    ``example.org``; ``*`` → none needed)."""
    for host in (h.strip() for h in allowed_hosts.split(",")):
        if host and host != "*":
            return host.lstrip(".")
    return None


def probe_headers(allowed_hosts: str) -> dict[str, str]:
    headers = {"X-Forwarded-Proto": "https"}
    host = probe_host(allowed_hosts)
    if host:
        headers["Host"] = host
    return headers


def probe(url: str = DEFAULT_URL, allowed_hosts: str = "", timeout: float = 5.0):
    """The status code of ``/healthz`` (0 when nothing answers)."""
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"Not an HTTP address: {url}")
    request = urllib.request.Request(url, headers=probe_headers(allowed_hosts))  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def main() -> int:
    url = os.environ.get("HEALTHCHECK_URL", DEFAULT_URL)
    status = probe(url, os.environ.get("ALLOWED_HOSTS", ""))
    return 0 if status == 200 else 1


if __name__ == "__main__":
    sys.exit(main())

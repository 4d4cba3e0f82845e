"""Browser-side security headers: Content-Security-Policy and Permissions-Policy.

The public site's policy allows nothing inline and nothing evaluated: every script
and stylesheet is one of our static files, data reaches scripts as JSON
(``json_script``). The Wagtail admin gets its own, slightly wider policy (only
what Wagtail itself needs, found in the browser: see tests/browser/test_csp.py).

The policies are plain data (built in settings from this module's helpers, no
Django import here) so that settings.py can use them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

SELF = "'self'"
NONE = "'none'"

ADMIN_PATH_PREFIXES = ("/admin/",)

# Powerful features nobody on the portal needs; geolocation only for our own pages
# ("use my location" on the near-me page).
PERMISSIONS_POLICY = ", ".join(
    ["geolocation=(self)"]
    + [
        f"{feature}=()"
        for feature in (
            "accelerometer",
            "camera",
            "display-capture",
            "gyroscope",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "usb",
            "serial",
            "hid",
            "screen-wake-lock",
            "xr-spatial-tracking",
        )
    ]
)


def tiles_origin(url: str) -> str:
    """The origin (``scheme://host[:port]``) of a Leaflet tile URL template, or "".

    ``{s}`` (Leaflet's a/b/c subdomains) becomes a wildcard for that label.
    """
    if not url:
        return ""
    parts = urlsplit(url.replace("{s}", "subdomain"))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.netloc.rsplit("@", 1)[-1].replace("subdomain", "*", 1)
    if "{" in host or "}" in host:
        return ""
    return f"{parts.scheme}://{host}"


def public_directives(tiles_url: str = "") -> dict[str, list[str]]:
    """The public site's policy: our own files only, tiles from their server."""
    images = [SELF, "data:"]
    origin = tiles_origin(tiles_url)
    if origin:
        images.append(origin)
    return {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": images,
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # Wagtail's preview panel frames our pages.
        "frame-ancestors": [SELF],
    }


def admin_directives(tiles_url: str = "") -> dict[str, list[str]]:
    """The Wagtail admin's policy: the public one plus what Wagtail needs.

    - ``style-src-attr 'unsafe-inline'``: Wagtail's own templates and widgets still
      write ``style="…"`` attributes (not ``<style>`` elements: those stay refused).
    - ``img-src blob:``: previews of images and documents chosen for upload.
    - ``frame-src 'self'``: the live preview panel frames our pages.
    """
    directives = public_directives(tiles_url)
    directives["style-src-attr"] = ["'unsafe-inline'"]
    directives["img-src"] = [*directives["img-src"], "blob:"]
    directives["frame-src"] = [SELF]
    return directives

"""Browser-side security headers: Content-Security-Policy and Permissions-Policy.

The public site's policy allows nothing inline and nothing evaluated: every script
and stylesheet is one of our static files, data reaches scripts as JSON
(``json_script``). The Wagtail admin gets its own, wider policy: only what Wagtail
itself needs, found in the browser (see :func:`admin_directives`).

The policies are plain data (built in settings from this module's helpers, no
Django import here) so that settings.py can use them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

SELF = "'self'"
NONE = "'none'"
UNSAFE_INLINE = "'unsafe-inline'"

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
    """The Wagtail admin's policy: the public one plus what Wagtail 8 needs.

    Found in the browser (tests/browser/test_security.py): Wagtail's widgets still
    write inline ``<script>`` elements whose text varies with the field (date
    choosers, image and snippet choosers, InlinePanel, wagtail-modeltranslation's
    settings), inserted again by jQuery when a row is added, so neither hashes nor
    nonces can cover them; its bundled libraries inject ``<style>`` elements and
    ``style`` attributes. Hence ``'unsafe-inline'`` for scripts and styles on
    ``/admin/`` only — still no ``'unsafe-eval'``, no other origin (avatars from
    Gravatar are off: ``WAGTAIL_GRAVATAR_PROVIDER_URL = None``), no plugins.
    ``blob:`` images are previews of files chosen for upload; ``frame-src 'self'``
    is the live preview panel.
    """
    directives = public_directives(tiles_url)
    directives["script-src"] = [SELF, UNSAFE_INLINE]
    directives["style-src"] = [SELF, UNSAFE_INLINE]
    directives["img-src"] = [*directives["img-src"], "blob:"]
    directives["frame-src"] = [SELF]
    return directives

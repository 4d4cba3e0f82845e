"""Content-Security-Policy and Permissions-Policy on public and admin pages."""

import pytest

from config.security import admin_directives, public_directives, tiles_origin

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_public_page_policy_is_strict(client, demo_site):
    response = client.get("/fr/")
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    assert "style-src-attr" not in policy


@pytest.mark.parametrize("path", ["/fr/pres-de-chez-moi/", "/api/v1/search?q=x"])
def test_every_response_has_the_public_policy(client, demo_site, path):
    response = client.get(path)
    assert _policy(response)["script-src"] == ["'self'"]
    assert "geolocation=(self)" in response["Permissions-Policy"]


def test_not_found_page_has_the_policy(client, demo_site):
    response = client.get("/fr/nothing-here/")
    assert response.status_code == 404
    assert _policy(response)["script-src"] == ["'self'"]


def test_admin_policy_adds_only_what_wagtail_needs(client, demo_site):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = _policy(response)
    # Wagtail's widgets write inline scripts: see config.security.admin_directives.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_permissions_policy(client, demo_site):
    header = client.get("/fr/")["Permissions-Policy"]
    features = dict(item.strip().split("=") for item in header.split(","))
    assert features["geolocation"] == "(self)"
    for feature in ("camera", "microphone", "payment", "usb"):
        assert features[feature] == "()"


def test_tiles_origin_is_allowed_for_images():
    url = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert tiles_origin(url) == "https://*.tile.openstreetmap.org"
    assert tiles_origin("https://tiles.example.org:8443/{z}/{x}/{y}.png") == (
        "https://tiles.example.org:8443"
    )
    assert tiles_origin("") == tiles_origin("javascript:alert(1)") == ""
    assert public_directives(url)["img-src"] == [
        "'self'",
        "data:",
        "https://*.tile.openstreetmap.org",
    ]
    assert "https://*.tile.openstreetmap.org" in admin_directives(url)["img-src"]

"""Fuzzing every operation of the JSON API from its OpenAPI document
(schemathesis, in-process over WSGI, the demo seeded and indexed).

A bounded number of examples per operation, derandomized: the same requests on
every run. Valid data (it fits the documented types) and invalid data are sent;
checks: never a 5xx, status codes, content types and bodies as documented,
invalid data refused with a 400, and valid data never refused for its types (a
400 may still say that a place does not exist, or that nothing was asked).
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = [pytest.mark.django_db, pytest.mark.api]

MAX_EXAMPLES = 30


def _demo_services() -> None:
    """Services at the demo's first antennas, with contacts of both audiences, so
    that the services' operations answer with records, not empty lists."""
    from directory.models import Antenna, Category, Language
    from tests.factories import (
        ServiceAtLocationFactory,
        ServiceContactFactory,
        ServiceFactory,
    )

    for number, antenna in enumerate(Antenna.objects.public().order_by("pk")[:5]):
        service = ServiceFactory(
            organisation=antenna.organisation,
            status="suspended" if number == 4 else "active",
            walk_in=True,
            cost="free",
            anonymous="yes",
            taxonomy__categories=list(Category.objects.filter(slug="cpas")),
            taxonomy__languages=list(Language.objects.filter(code="ar")),
        )
        ServiceAtLocationFactory(service=service, antenna=antenna)
        ServiceContactFactory(service=service)
        ServiceContactFactory(service=service, audience="professionals")


@pytest.fixture
def api_schema(indexed_demo_everything):
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    # As Django's test client does: a request must not close the connection
    # that holds the test's transaction (and the demo).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    _demo_services()
    try:
        # Loaded once the demo is in place: the document lists its categories.
        yield schemathesis.openapi.from_wsgi(
            "/api/v1/openapi.json", _uncompressed(get_wsgi_application())
        )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _uncompressed(app):
    """The application as a client that does not ask for gzip sees it: the
    contract is about the JSON, and schemathesis' WSGI transport does not
    decompress (compression has its own test in tests/portal/test_pages.py)."""

    def application(environ, start_response):
        environ.pop("HTTP_ACCEPT_ENCODING", None)
        return app(environ, start_response)

    return application


# Parameters naming a place or a record that may not exist.
REFERENCES = {"near", "commune", "organisation", "antenna"}
NOT_FILTERS = {"q", "lang", "page", "page_size"}


def _may_be_refused(case) -> bool:
    """Valid data that the API may still refuse with a 400: a reference to
    something unknown, or a rule between parameters that no type expresses."""
    # Empty lists and None are not sent at all; a flag set to false (open_now,
    # valid) asks for nothing.
    query = {
        name: value
        for name, value in (case.query or {}).items()
        if value not in (None, [], "") and value is not False and value != "false"
    }
    if REFERENCES & set(query):
        return True
    if query.get("radius_km") is not None:
        return True  # a radius needs a place
    if {"year_from", "year_to"} <= set(query):
        return True  # the first year may come after the last one
    if case.path == "/api/v1/search":
        asked = str(query.get("q") or "").strip()
        return not asked and not set(query) - NOT_FILTERS  # nothing to search for
    return False


def _valid_data_accepted(case, response) -> None:
    """A 2xx, a 404 for an unknown identifier, or a 400 only where
    :func:`_may_be_refused`: the API and its document agree on what a
    well-formed request is."""
    if response.status_code == 400:
        body = response.json()
        assert body["detail"], "a 400 says why"
        assert body["errors"] == [], f"valid data refused for its types: {body}"
        assert _may_be_refused(case), f"valid data refused: {case.query} {body}"
    else:
        assert response.status_code in (200, 404), response.status_code


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _operations(schema):
    return [result.ok() for result in schema.get_all_operations()]


def test_the_document_lists_every_operation(api_schema):
    labels = {operation.label for operation in _operations(api_schema)}
    assert len(labels) == 11, labels
    assert "GET /api/v1/directory/services" in labels


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_operations_hold_their_contract(api_schema, mode):
    for operation in _operations(api_schema):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=MAX_EXAMPLES,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            if mode is GenerationMode.POSITIVE:
                _valid_data_accepted(case, case.call_and_validate(checks=CHECKS))
            else:
                # Schemathesis tells data that stays invalid once sent (a
                # string for a number) from data that does not (an array sent
                # as one repeated parameter).
                case.call_and_validate(checks=[*CHECKS, negative_data_rejection])

        run()

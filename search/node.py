"""Which search engine answers at ``SEARCH_URL``, and how it is doing.

OpenSearch and Elasticsearch share the query DSL but need different Wagtail
backends and clients; the node's ``GET /`` answer tells them apart: OpenSearch
reports ``version.distribution == "opensearch"``, Elasticsearch has no such key.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import requests
from django.conf import settings

logger = logging.getLogger(__name__)

OPENSEARCH = "opensearch"
ELASTICSEARCH = "elasticsearch"
DATABASE = "database"


@dataclass(frozen=True)
class EngineInfo:
    """What a node said about itself."""

    name: str  # OPENSEARCH or ELASTICSEARCH
    version: str
    url: str

    @property
    def major(self) -> int:
        try:
            return int(self.version.split(".", 1)[0])
        except ValueError:
            return 0


class EngineUnavailable(Exception):
    """The node did not answer, or answered something that is not a search engine."""


def probe(url: str, timeout: float = 3.0) -> EngineInfo:
    """Ask the node at ``url`` who it is (``GET /``)."""
    try:
        response = requests.get(url.rstrip("/") + "/", timeout=timeout)
        response.raise_for_status()
        payload = response.json()
    except (requests.RequestException, ValueError) as error:
        raise EngineUnavailable(f"{url}: {error}") from error
    version = payload.get("version") or {}
    number = version.get("number")
    if not number:
        raise EngineUnavailable(f"{url}: not a search engine answer")
    name = OPENSEARCH if version.get("distribution") == "opensearch" else ELASTICSEARCH
    return EngineInfo(name=name, version=str(number), url=url)


_detected: dict[str, tuple[float, EngineInfo | None]] = {}
_DETECTION_TTL = 30.0


def detect(url: str | None = None, *, fresh: bool = False) -> EngineInfo | None:
    """The engine at ``url`` (default ``SEARCH_URL``), or None when it is unreachable.

    Answers are cached a little while so that health checks and searches do not
    probe the node on every request.
    """
    url = url or settings.SEARCH_URL
    if not url:
        return None
    now = time.monotonic()
    cached = _detected.get(url)
    if cached and not fresh and now - cached[0] < _DETECTION_TTL:
        return cached[1]
    try:
        info: EngineInfo | None = probe(url)
    except EngineUnavailable as error:
        logger.warning("Search engine unavailable: %s", error)
        info = None
    _detected[url] = (now, info)
    if cached and cached[1] is None and info is not None:
        _engine_is_back()
    return info


def _engine_is_back() -> None:
    """The engine answers again: replay the changes it missed."""
    # The outbox imports models; this module must import without them (it is
    # loaded with the search backend and by the health probe).
    from search import outbox

    logger.info("Search engine reachable again; replaying the index outbox")
    outbox.schedule_replay()


def backend_path_for(info: EngineInfo | None) -> str:
    """The Wagtail search backend module that fits ``info``.

    When the node cannot be reached yet, OpenSearch (our reference engine) is assumed;
    searches then fail over to the database backend until it answers.
    """
    if info is None or info.name == OPENSEARCH:
        major = info.major if info else 3
        return (
            "wagtail.search.backends.opensearch2"
            if major and major < 3 and _opensearch_client_major() < 3
            else "wagtail.search.backends.opensearch3"
        )
    if info.major >= 9:
        return "wagtail.search.backends.elasticsearch9"
    if info.major == 8:
        return "wagtail.search.backends.elasticsearch8"
    return "wagtail.search.backends.elasticsearch7"


def _opensearch_client_major() -> int:
    try:
        from opensearchpy import VERSION
    except ImportError:  # pragma: no cover - opensearch-py is a dependency
        return 0
    return int(VERSION[0])

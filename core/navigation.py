"""The site's main navigation: each app registers its entries, the header shows them.

The portal names no app: directory, documents, newsletters and search each add
what a visitor should reach from every page (``ready()`` of their app config).
An entry's URL is computed per request and in the visitor's language; an entry
whose URL is None (e.g. no newsletter published yet) is not shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse


@dataclass(frozen=True)
class NavEntry:
    order: int
    label: object  # a lazy translation
    url: Callable[[HttpRequest], str | None]


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str
    current: bool


_entries: dict[str, NavEntry] = {}


def register_nav_entry(
    key: str,
    order: int,
    label: object,
    url: str | Callable[[HttpRequest], str | None],
) -> None:
    """Add (or replace) the entry ``key``; entries show by ``order``. ``url`` is a
    URL name (reversed in the visitor's language) or a function of the request."""
    if isinstance(url, str):
        name = url

        def url(request: HttpRequest) -> str:
            return reverse(name)

    _entries[key] = NavEntry(order, label, url)


def navigation(request: HttpRequest) -> list[NavLink]:
    """The entries for this request, the one the visitor is in marked current."""
    links = []
    path = request.path
    for entry in sorted(_entries.values(), key=lambda e: e.order):
        url = entry.url(request)
        if not url:
            continue
        links.append(NavLink(str(entry.label), url, path.startswith(url)))
    # Only the most specific match is current ("/fr/" is a prefix of everything).
    current = max(
        (link for link in links if link.current),
        key=lambda found: len(found.url),
        default=None,
    )
    return [NavLink(link.label, link.url, link is current) for link in links]

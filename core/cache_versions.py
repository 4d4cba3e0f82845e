"""A version number per cached thing, kept in the cache every worker shares.

What is cached under ``f"{name}:{version}"`` goes stale together when
:func:`bump_version` is called, in every worker at once (the map's markers, the
search's did-you-mean words).
"""

from __future__ import annotations

from django.core.cache import cache


def current_version(key: str) -> int:
    version = cache.get(key)
    if version is None:
        cache.add(key, 1, timeout=None)
        version = cache.get(key, 1)
    return version


def bump_version(key: str) -> None:
    try:
        cache.incr(key)
        # incr() rewrites the key with the default timeout (the database cache):
        # the version must not expire, or an older cached value would come back.
        cache.touch(key, None)
    except ValueError:  # no version yet: nothing cached under it
        cache.add(key, 1, timeout=None)

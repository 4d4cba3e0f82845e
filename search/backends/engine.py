"""Wagtail search backend that becomes the right one for the node at ``URLS``.

Wagtail imports ``<BACKEND>.SearchBackend`` and calls it with the backend's
parameters; here that callable probes the node and returns an instance of the
matching OpenSearch or Elasticsearch backend.
"""

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from search.engine import backend_path_for, detect


def SearchBackend(params: dict):
    urls = params.get("URLS") or []
    info = detect(urls[0]) if urls else None
    path = backend_path_for(info)
    try:
        backend_class = import_string(f"{path}.SearchBackend")
    except ImportError as error:
        raise ImproperlyConfigured(
            f"The node at {urls[0]} needs {path}; install its client "
            "(pip install 'portail-social[elasticsearch]' for Elasticsearch)."
        ) from error
    backend = backend_class(dict(params))
    backend.engine_info = info
    return backend

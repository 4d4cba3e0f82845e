"""Who may download a document, and how the file is sent.

Documents (``documents.PublicationFile``, Wagtail's document model) are served only
by :func:`serve`, at ``/documents/<id>/<filename>``; the files under
``MEDIA_ROOT/documents/`` are never served directly, in DEBUG either.

A document can be referenced in these ways, and only these:

* a publication's files (``PublicationFileLink``);
* a page's foreign key, e.g. a newsletter issue's print edition
  (``NewsletterIssuePage.print_file``);
* a ``document-link`` in the rich text of a page: legislation fiches, newsletter
  articles, standard pages (inside their StreamFields too).

Page references are found through Wagtail's reference index, which holds what the
page's database row refers to (the live content of a published page), and are
checked again on the page as stored, so that a link only in a draft never counts.

The rule, for a visitor:

1. Wagtail's collection privacy comes first (the ``before_serve_document`` hooks,
   among them ``wagtail.documents``' check: login, groups or password).
2. The document is **public** when a live publication whose access is not
   "restricted or paid" lists it, or when a live page without view restriction
   refers to it.
3. Otherwise, when a live restricted publication or a live but restricted page
   refers to it, it is **restricted**: 403 with a translated page.
4. Otherwise (used only by drafts, unpublished publications, or nothing) it is
   **unpublished**: 404, as for a document that does not exist.

Users allowed to change the document in the admin (Wagtail's document permission
policy: superusers, and groups with "change" on its collection) download it in all
cases, so that editors can check a file before they publish it.

Sending: ``DOCUMENTS_SENDFILE_BACKEND`` chooses how the bytes go out once access is
granted: ``"django"`` (default) streams the file through Django; ``"nginx"`` answers
with an ``X-Accel-Redirect`` to ``DOCUMENTS_SENDFILE_URL`` + the file's path under
``MEDIA_ROOT``, for an nginx ``internal`` location that reads ``MEDIA_ROOT``.
"""

from __future__ import annotations

import enum
import os
from email.utils import parsedate_to_datetime
from urllib.parse import quote

from django.conf import settings
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.http import http_date
from wagtail import hooks
from wagtail.coreutils import string_to_ascii
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry


class Visibility(enum.Enum):
    PUBLIC = "public"
    RESTRICTED = "restricted"
    UNPUBLISHED = "unpublished"


def _pages_referring_to(document) -> list[Page]:
    """Live pages whose stored (live) content refers to ``document``."""
    page_type = ReferenceIndex._get_base_content_type(Page)
    page_ids = {
        int(ref.object_id)
        for ref in ReferenceIndex.get_references_to(document).filter(
            base_content_type=page_type
        )
    }
    if not page_ids:
        return []
    document_type = ReferenceIndex._get_base_content_type(document)
    wanted = (document_type.pk, str(document.pk))
    pages = []
    for page in Page.objects.filter(pk__in=page_ids).live().specific():
        found = {
            (content_type_id, str(object_id))
            for content_type_id, object_id, *_ in (
                ReferenceIndex._extract_references_from_object(page)
            )
        }
        if wanted in found:
            pages.append(page)
    return pages


def document_visibility(document) -> Visibility:
    """Where ``document`` stands for a visitor (see the module's docstring)."""
    from documents.models import Publication, PublicationFileLink

    live_accesses = set(
        PublicationFileLink.objects.filter(
            document=document, publication__live=True
        ).values_list("publication__access", flat=True)
    )
    if live_accesses - {Publication.Access.RESTRICTED}:
        return Visibility.PUBLIC
    pages = _pages_referring_to(document)
    public_ids = set(
        Page.objects.filter(pk__in=[p.pk for p in pages])
        .public()
        .values_list("pk", flat=True)
    )
    if public_ids:
        return Visibility.PUBLIC
    if live_accesses or pages:
        return Visibility.RESTRICTED
    return Visibility.UNPUBLISHED


def user_can_edit(user, document) -> bool:
    """An editor of the document, who has passed the second factor they owe: a
    password alone must not open drafts and restricted files."""
    # core.two_factor reads the directory's groups: imported on use.
    from core.two_factor import has_device, is_required

    if not user.is_authenticated:
        return False
    if (is_required(user) or has_device(user)) and not user.is_verified():
        return False
    return policy_registry.get_by_type(
        get_document_model()
    ).user_has_permission_for_instance(user, "change", document)


def in_public_collection(document) -> bool:
    """No view restriction on the document's collection or its ancestors."""
    from wagtail.models import CollectionViewRestriction

    collection = document.collection
    return not CollectionViewRestriction.objects.filter(
        collection__in=collection.get_ancestors(inclusive=True)
    ).exists()


def may_download(user, document) -> bool:
    """Whether ``user`` gets the file (collection privacy aside)."""
    return (
        user_can_edit(user, document)
        or document_visibility(document) is Visibility.PUBLIC
    )


def access_response(request: HttpRequest, document) -> HttpResponse | None:
    """None when ``request.user`` may download ``document``, else the denial."""
    if user_can_edit(request.user, document):
        return None
    visibility = document_visibility(document)
    if visibility is Visibility.PUBLIC:
        return None
    if visibility is Visibility.RESTRICTED:
        return TemplateResponse(
            request, "documents/document_restricted.html", status=403
        )
    raise Http404("This document is not published.")


# --- sending ------------------------------------------------------------------------


def _content_disposition(document) -> str:
    """``attachment``/``inline`` with an ASCII filename and its UTF-8 form."""
    kind = "inline" if document.content_disposition.startswith("inline") else None
    parts = [kind or "attachment"]
    ascii_name = string_to_ascii(document.filename).replace('"', "")
    parts.append(f'filename="{ascii_name}"')
    if ascii_name != document.filename:
        parts.append(f"filename*=UTF-8''{quote(document.filename)}")
    return "; ".join(parts)


def _not_modified(request: HttpRequest, mtime: float) -> bool:
    header = request.headers.get("if-modified-since")
    if not header:
        return False
    try:
        return int(mtime) <= parsedate_to_datetime(header).timestamp()
    except (TypeError, ValueError, OverflowError):
        return False


def send_file(request: HttpRequest, document) -> HttpResponse:
    """The file's bytes (or the proxy's instruction to send them).

    Unlike ``wagtail.utils.sendfile``, no ``Content-Encoding`` header: that header
    says how the *response* is encoded, not what the file is, and Wagtail's copy
    set it to the guessed encoding of the filename — the literal ``None`` for any
    PDF, or ``gzip`` for a ``.csv.gz`` that browsers would then unpack.
    """
    backend = getattr(settings, "DOCUMENTS_SENDFILE_BACKEND", "django")
    try:
        local_path = document.file.path
    except NotImplementedError:
        local_path = None
    if local_path is None:
        response = FileResponse(document.file, content_type=document.content_type)
        response["Content-Length"] = document.file.size
    else:
        if not os.path.exists(local_path):
            raise Http404("The file is missing.")
        stat = os.stat(local_path)
        if _not_modified(request, stat.st_mtime):
            return HttpResponseNotModified()
        if backend == "nginx":
            relative = os.path.relpath(local_path, settings.MEDIA_ROOT)
            if relative.startswith(".."):
                raise Http404("The file is outside the media folder.")
            response = HttpResponse(content_type=document.content_type)
            prefix = settings.DOCUMENTS_SENDFILE_URL.rstrip("/")
            response["X-Accel-Redirect"] = quote(f"{prefix}/{relative}")
        else:
            response = FileResponse(
                open(local_path, "rb"), content_type=document.content_type
            )
            response["Content-Length"] = stat.st_size
        response["Last-Modified"] = http_date(stat.st_mtime)
    response["Content-Disposition"] = _content_disposition(document)
    if getattr(settings, "WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT", True):
        response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    # Access depends on the user and on the publication's state: no shared cache.
    response["Cache-Control"] = "private, no-cache"
    return response


def serve(request: HttpRequest, document_id: str, document_filename: str):
    """Wagtail's document view, with this module's sending (named
    ``wagtaildocs_serve``, so ``document.url`` points here)."""
    # Any number of ASCII digits reaches here: beyond a 64-bit key the database
    # driver fails (OverflowError), and beyond 4300 digits int() does.
    if len(document_id) > 18:
        raise Http404("No such document.")
    document = get_object_or_404(get_document_model(), id=int(document_id))
    if document.filename != document_filename:
        raise Http404("This document does not match the given filename.")
    # Wagtail's collection privacy (and any other hook), then the rule above.
    for check in hooks.get_hooks("before_serve_document"):
        result = check(document, request)
        if isinstance(result, HttpResponse):
            return result
    denied = access_response(request, document)
    if denied is not None:
        return denied
    document_served.send(
        sender=get_document_model(), instance=document, request=request
    )
    return send_file(request, document)

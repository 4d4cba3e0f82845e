"""``/documents/``: Wagtail's document URLs, served by ``documents.serving``.

Included instead of ``wagtail.documents.urls`` so that ``document.url`` (which
reverses ``wagtaildocs_serve``) leads to the view that checks access.
"""

from django.urls import path, re_path
from wagtail.documents.views import serve as wagtail_serve

from documents import serving

urlpatterns = [
    re_path(r"^([0-9]+)/(.*)$", serving.serve, name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<int:restriction_id>/",
        wagtail_serve.authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]

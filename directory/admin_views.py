"""Admin views of the directory (the visitor-facing pages come with their own issue)."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxLengthValidator
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.admin.views.reports import ReportView
from wagtail.snippets.views.snippets import DeleteView, EditView, IndexView

from directory.models import Antenna, Organisation, Service
from directory.permissions import DirectoryPermissionPolicy
from directory.presentation import hours_preview
from places.hours_grid import grid_from_text


class ScopedIndexView(IndexView):
    """Lists only the records the user may change."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        allowed = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        return queryset.filter(pk__in=allowed.values("pk"))


class ScopedInstanceMixin:
    """Checks permissions on the record itself, not only on its model."""

    def user_has_permission(self, permission):
        instance = getattr(self, "object", None)
        if instance is not None and instance.pk:
            return self.permission_policy.user_has_permission_for_instance(
                self.request.user, permission, instance
            )
        return super().user_has_permission(permission)

    def dispatch(self, request, *args, **kwargs):
        instance = getattr(self, "object", None)
        if (
            instance is not None
            and instance.pk
            and not self.user_has_permission(self.permission_required or "change")
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ScopedEditView(ScopedInstanceMixin, EditView):
    pass


class ScopedDeleteView(ScopedInstanceMixin, DeleteView):
    pass


@dataclass(frozen=True)
class UnverifiedRow:
    """An organisation or a service not verified for 12 months, as the report
    lists and exports it (the edit link is the organisation's: a service is edited
    there)."""

    kind: str
    external_id: str
    name: str
    organisation: Organisation
    last_verified_on: date | None
    last_verified_by: object

    @property
    def edit_url(self) -> str:
        return reverse(
            "wagtailsnippets_directory_organisation:edit", args=[self.organisation.pk]
        )


def unverified_rows(user, days: int = 365) -> list[UnverifiedRow]:
    """What ``user`` may edit and nobody verified for ``days``: active
    organisations and their services (not ended), oldest first."""
    allowed = DirectoryPermissionPolicy(Organisation).instances_user_has_permission_for(
        user, "change"
    )
    organisations = (
        allowed.active().not_verified_since(days).select_related("last_verified_by")
    )
    services = (
        Service.objects.filter(organisation__in=allowed.active())
        .exclude(status=Service.Status.ENDED)
        .not_verified_since(days)
        .select_related("organisation")
    )
    rows = [
        UnverifiedRow(
            str(_("Organisation")),
            o.external_id,
            o.name,
            o,
            o.last_verified_on,
            o.last_verified_by,
        )
        for o in organisations
    ] + [
        UnverifiedRow(
            str(_("Service")),
            s.external_id,
            f"{s.name} — {s.organisation.name}",
            s.organisation,
            s.last_verified_on,
            None,
        )
        for s in services
    ]
    return sorted(rows, key=lambda r: (r.last_verified_on or date.min, r.name))


class UnverifiedOrganisationsReport(ReportView):
    """Organisations and services nobody has verified for 12 months or more."""

    page_title = _("Records not verified for 12 months")
    header_icon = "warning"
    index_url_name = "directory_unverified_report"
    index_results_url_name = "directory_unverified_report_results"
    results_template_name = "directory/admin/unverified_report_results.html"
    list_export = [
        "kind",
        "external_id",
        "name",
        "last_verified_on",
        "last_verified_by",
    ]
    export_headings = {
        "kind": _("Record"),
        "external_id": _("Identifier"),
        "name": _("Name"),
        "last_verified_on": _("Last verified on"),
        "last_verified_by": _("Last verified by"),
    }

    def get_queryset(self):
        return unverified_rows(self.request.user)


@require_GET
def opening_hours_preview(request: HttpRequest) -> JsonResponse:
    """The hours in words for the admin's opening-hours widget (admin users only:
    ``register_admin_urls`` wraps it in Wagtail's admin access check), in the
    user's admin language, and the grid that shows them (``null`` if none can)."""
    value = request.GET.get("value", "")
    limit = Antenna._meta.get_field("opening_hours").max_length
    try:
        MaxLengthValidator(limit)(value)
    except ValidationError as error:
        return JsonResponse(
            {
                "valid": False,
                "error": " ".join(error.messages),
                "lines": [],
                "grid": None,
            }
        )
    preview = hours_preview(value)
    grid = grid_from_text(value) if preview.valid else None
    return JsonResponse(
        {
            "valid": preview.valid,
            "error": preview.error,
            "lines": preview.lines,
            "grid": grid.as_json() if grid else None,
        }
    )

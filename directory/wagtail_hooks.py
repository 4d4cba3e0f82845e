from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory.admin_forms import OrganisationAdminForm, ScopedInlinePanel
from directory.admin_views import (
    ScopedDeleteView,
    ScopedEditView,
    ScopedIndexView,
    UnverifiedOrganisationsReport,
    opening_hours_preview,
)
from directory.models import (
    Antenna,
    Category,
    EditorAssignment,
    ErrorReport,
    Organisation,
    Public,
)
from directory.permissions import DirectoryPermissionPolicy
from directory.widgets import OpeningHoursWidget

register_permission_policy(Organisation, DirectoryPermissionPolicy(Organisation))
register_permission_policy(Antenna, DirectoryPermissionPolicy(Antenna))
register_permission_policy(ErrorReport, DirectoryPermissionPolicy(ErrorReport))


def _pair(field: str) -> FieldRowPanel:
    """French and Dutch side by side."""
    return FieldRowPanel([FieldPanel(f"{field}_fr"), FieldPanel(f"{field}_nl")])


def _antenna_select(field: str) -> FieldPanel:
    """A plain list of the organisation's antennas (see ``admin_forms``), not the
    snippet chooser, which would offer every antenna of the directory."""
    return FieldPanel(field, widget=forms.Select)


def _contact_panels(*extra: str) -> list:
    return [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("audience")]),
        FieldRowPanel([FieldPanel("name"), FieldPanel("phone"), FieldPanel("email")]),
        _pair("role"),
        FieldRowPanel([FieldPanel("language"), *(_antenna_select(f) for f in extra)]),
        _pair("note"),
    ]


CONTACT_PANELS = _contact_panels("antenna")

LOCATION_PANELS = [
    _antenna_select("antenna"),
    FieldRowPanel(
        [
            FieldPanel("walk_in_hours", widget=OpeningHoursWidget),
            FieldPanel("appointment_hours", widget=OpeningHoursWidget),
        ]
    ),
    _pair("note"),
]

SERVICE_PANELS = [
    _pair("name"),
    FieldRowPanel([FieldPanel("external_id"), FieldPanel("status")]),
    _pair("description"),
    FieldPanel("categories"),
    FieldPanel("publics"),
    FieldPanel("languages"),
    MultiFieldPanel(
        [
            _pair("eligibility"),
            FieldRowPanel([FieldPanel("minimum_age"), FieldPanel("maximum_age")]),
            FieldRowPanel(
                [FieldPanel("residents_only"), FieldPanel("income_condition")]
            ),
            _pair("required_status"),
        ],
        heading=_("Who may use it"),
    ),
    MultiFieldPanel(
        [FieldPanel("cost"), _pair("cost_note")],
        heading=_("Cost"),
    ),
    MultiFieldPanel(
        [
            FieldPanel("walk_in"),
            FieldPanel("walk_in_hours", widget=OpeningHoursWidget),
            FieldPanel("by_appointment"),
            FieldPanel("appointment_hours", widget=OpeningHoursWidget),
            FieldPanel("phone_first"),
            FieldPanel("phone_hours", widget=OpeningHoursWidget),
            FieldPanel("referral_required"),
            _pair("referral_note"),
        ],
        heading=_("How to access it"),
    ),
    MultiFieldPanel(
        [
            _pair("documents"),
            FieldRowPanel([FieldPanel("anonymous"), FieldPanel("online_url")]),
            FieldPanel("last_verified_on"),
        ],
        heading=_("Documents, anonymity, online access"),
    ),
    ScopedInlinePanel(
        "locations", panels=LOCATION_PANELS, label=_("Where it is offered")
    ),
    ScopedInlinePanel(
        "contacts", panels=_contact_panels(), label=_("Contacts of this service")
    ),
]


class ScopedViewSetMixin:
    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView


class OrganisationViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "short_name", "status", "last_verified_on", "live"]
    list_filter = ["status", "categories", "community"]
    search_fields = ["name_fr", "name_nl", "short_name", "external_id"]
    # Filtered by the database (icontains on these columns), not the search index:
    # identifiers and postcodes are not indexed, and it works on either backend.
    search_backend_name = None
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    _pair("name"),
                    FieldRowPanel(
                        [FieldPanel("short_name"), FieldPanel("external_id")]
                    ),
                    FieldPanel("slug"),
                    _pair("description"),
                    FieldRowPanel(
                        [FieldPanel("legal_form"), FieldPanel("enterprise_number")]
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("website"),
                            FieldRowPanel(
                                [
                                    FieldPanel("email"),
                                    FieldPanel("phone"),
                                    FieldPanel("phone_2"),
                                ]
                            ),
                        ],
                        heading=_("Contact"),
                    ),
                    FieldPanel("logo"),
                ],
                heading=_("Identity"),
            ),
            ObjectList(
                [
                    FieldPanel("categories"),
                    FieldPanel("publics"),
                    FieldPanel("languages"),
                    FieldPanel("community"),
                ],
                heading=_("Classification"),
            ),
            ObjectList(
                [
                    ScopedInlinePanel(
                        "services", panels=SERVICE_PANELS, label=_("Services")
                    )
                ],
                heading=_("Services"),
            ),
            ObjectList(
                [
                    ScopedInlinePanel(
                        "contacts", panels=CONTACT_PANELS, label=_("Contacts")
                    )
                ],
                heading=_("Contacts"),
            ),
            ObjectList(
                [InlinePanel("accreditations", label=_("Accreditations"))],
                heading=_("Accreditations"),
            ),
            ObjectList(
                [InlinePanel("federation_links", label=_("Federations"))],
                heading=_("Federations"),
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("status"), FieldPanel("closed_on")]),
                    FieldRowPanel(
                        [FieldPanel("last_verified_on"), FieldPanel("last_verified_by")]
                    ),
                ],
                heading=_("Status and verification"),
            ),
        ],
        base_form_class=OrganisationAdminForm,
    )


class AntennaViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = Antenna
    icon = "site"
    menu_label = _("Antennas")
    list_display = ["name", "organisation", "postcode", "commune", "precision", "live"]
    list_filter = ["wheelchair", "precision", "commune__region"]
    search_fields = ["name_fr", "name_nl", "street", "postcode", "external_id"]
    # Filtered by the database (icontains on these columns), not the search index:
    # identifiers and postcodes are not indexed, and it works on either backend.
    search_backend_name = None
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("organisation"),
                    _pair("name"),
                    FieldRowPanel([FieldPanel("external_id"), FieldPanel("slug")]),
                    FieldRowPanel(
                        [FieldPanel("street"), FieldPanel("number"), FieldPanel("box")]
                    ),
                    FieldRowPanel([FieldPanel("postcode"), FieldPanel("commune")]),
                    FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                    FieldPanel("wheelchair"),
                    FieldPanel("receives_public"),
                ],
                heading=_("Address"),
            ),
            ObjectList(
                [
                    FieldPanel("opening_hours", widget=OpeningHoursWidget),
                    FieldPanel("dropin_hours", widget=OpeningHoursWidget),
                    FieldRowPanel(
                        [FieldPanel("closed_until"), FieldPanel("closure_note")]
                    ),
                ],
                heading=_("Opening hours"),
            ),
            ObjectList(
                [
                    FieldPanel("served_communes"),
                ],
                heading=_("Territorial competence"),
            ),
            ObjectList(
                [
                    FieldPanel("languages"),
                    MultiFieldPanel(
                        [FieldPanel(name) for name in Antenna.ACCESSIBILITY_FIELDS],
                        heading=_("Accessibility beyond the wheelchair"),
                    ),
                    _pair("public_transport"),
                    FieldPanel("transport_stops"),
                ],
                heading=_("Languages and accessibility"),
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                    FieldPanel("coordinates_set_by_hand"),
                    FieldRowPanel(
                        [
                            FieldPanel("precision", read_only=True),
                            FieldPanel("geocoded_at", read_only=True),
                        ]
                    ),
                ],
                heading=_("Location"),
            ),
        ]
    )


class ErrorReportViewSet(ScopedViewSetMixin, SnippetViewSet):
    """The queue of visitors' reports, for the editors of the organisation."""

    model = ErrorReport
    icon = "warning"
    menu_label = _("Error reports")
    list_display = ["organisation", "antenna", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["message"]
    # Filtered by the database (icontains on these columns), not the search index:
    # identifiers and postcodes are not indexed, and it works on either backend.
    search_backend_name = None
    panels = [
        FieldPanel("organisation", read_only=True),
        FieldPanel("antenna", read_only=True),
        FieldPanel("message", read_only=True),
        FieldPanel("contact_email", read_only=True),
        FieldPanel("status"),
        FieldPanel("editor_note"),
    ]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name", "slug", "parent"]
    search_fields = ["name_fr", "name_nl", "slug"]
    # Filtered by the database (icontains on these columns), not the search index:
    # identifiers and postcodes are not indexed, and it works on either backend.
    search_backend_name = None
    panels = [
        _pair("name"),
        FieldPanel("slug"),
        FieldPanel("parent"),
        _pair("description"),
        FieldPanel("sort_order"),
    ]


class PublicViewSet(SnippetViewSet):
    model = Public
    icon = "user"
    menu_label = _("Target publics")
    list_display = ["name", "slug"]
    panels = [_pair("name"), FieldPanel("slug"), FieldPanel("sort_order")]


class EditorAssignmentViewSet(SnippetViewSet):
    model = EditorAssignment
    icon = "key"
    menu_label = _("Editor assignments")
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    panels = [FieldPanel("user"), FieldPanel("organisation"), FieldPanel("role")]


class DirectoryGroup(SnippetViewSetGroup):
    menu_label = _("Directory")
    menu_icon = "site"
    menu_order = 200
    items = (
        OrganisationViewSet,
        AntennaViewSet,
        ErrorReportViewSet,
        CategoryViewSet,
        PublicViewSet,
        EditorAssignmentViewSet,
    )


register_snippet(DirectoryGroup)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/unverified/",
            UnverifiedOrganisationsReport.as_view(),
            name="directory_unverified_report",
        ),
        path(
            "reports/unverified/results/",
            UnverifiedOrganisationsReport.as_view(results_only=True),
            name="directory_unverified_report_results",
        ),
        path(
            "directory/opening-hours/preview/",
            opening_hours_preview,
            name="directory_opening_hours_preview",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_unverified_report_menu_item():
    return MenuItem(
        _("Not verified for 12 months"),
        reverse("directory_unverified_report"),
        icon_name="warning",
        order=700,
    )

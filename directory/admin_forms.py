"""The organisation's admin form: its services, their places and the contacts
offer only the organisation's own antennas.

The choice is narrowed in the form (an antenna of another organisation is then
"not a valid choice", a field error); the models' ``clean()`` still refuses it
for imports and any other way in. The queryset travels down the nested inline
forms through modelcluster's ``inherit_kwargs``.
"""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel

from directory.models import Antenna

KWARG = "organisation_antennas"


class AntennaScopedMixin:
    """Takes the organisation's antennas and narrows an ``antenna`` field to them."""

    def __init__(self, *args, organisation_antennas: QuerySet | None = None, **kw):
        # Set before the parent's __init__: ClusterForm hands it to nested formsets.
        self.organisation_antennas = organisation_antennas
        super().__init__(*args, **kw)
        field = self.fields.get("antenna")
        if field is not None and organisation_antennas is not None:
            field.queryset = organisation_antennas


class OrganisationAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        self.organisation_antennas = (
            Antenna.objects.filter(organisation=instance)
            if instance is not None and instance.pk
            else Antenna.objects.none()
        )
        super().__init__(*args, **kwargs)


class ScopedInlinePanel(InlinePanel):
    """An InlinePanel whose child forms receive the organisation's antennas."""

    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        base = formset.get("form", WagtailAdminModelForm)
        formset["form"] = type(f"Scoped{base.__name__}", (AntennaScopedMixin, base), {})
        formset["inherit_kwargs"] = [KWARG]
        return options

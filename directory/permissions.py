"""Who may edit which directory record.

Django's model permissions (given through the two groups below) say *what* a user may
do; ``EditorAssignment`` rows say *on which records*: a federation editor on the
federation and its current members (and their antennas), a member account on its own
organisation only, and without the right to publish — its edits wait as drafts for a
federation editor.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.permission_policies import ModelPermissionPolicy

from directory.models import (
    Antenna,
    Category,
    EditorAssignment,
    ErrorReport,
    FederationMembership,
    Organisation,
    OrganisationContact,
    Public,
)

FEDERATION_EDITORS = "Federation editors"
MEMBER_ACCOUNTS = "Member organisation accounts"
PROFESSIONALS = "Professionals"
PROFESSIONAL_CONTACTS = "directory.view_professional_contacts"

_EDITOR_ACTIONS = ("add", "change", "delete", "publish")
_MEMBER_ACTIONS = ("change",)


def ensure_editor_groups(**kwargs) -> None:
    """Create the two editor groups with their model permissions (post_migrate)."""
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    for name, actions in (
        (FEDERATION_EDITORS, _EDITOR_ACTIONS),
        (MEMBER_ACCOUNTS, _MEMBER_ACTIONS),
    ):
        group, _ = Group.objects.get_or_create(name=name)
        wanted = []
        for model in (Organisation, Antenna):
            content_type = ContentType.objects.get_for_model(model)
            for action in actions:
                codename = f"{action}_{model._meta.model_name}"
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=codename,
                    defaults={"name": f"Can {action} {model._meta.verbose_name_raw}"},
                )
                wanted.append(permission)
        if name == FEDERATION_EDITORS:
            extra = [
                (ErrorReport, ("view", "change")),
                (Category, ("add", "change")),
                (Public, ("add", "change")),
            ]
            for model, model_actions in extra:
                content_type = ContentType.objects.get_for_model(model)
                for action in model_actions:
                    permission, _ = Permission.objects.get_or_create(
                        content_type=content_type,
                        codename=f"{action}_{model._meta.model_name}",
                        defaults={
                            "name": f"Can {action} {model._meta.verbose_name_raw}"
                        },
                    )
                    wanted.append(permission)
        if admin_access:
            wanted.append(admin_access)
        if name == FEDERATION_EDITORS:
            wanted.append(_professional_contacts_permission())
        group.permissions.add(*wanted)
    professionals, _ = Group.objects.get_or_create(name=PROFESSIONALS)
    professionals.permissions.add(_professional_contacts_permission())


def _professional_contacts_permission() -> Permission:
    """Seeing the contacts meant for professionals (social workers, doctors)."""
    permission, _ = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(OrganisationContact),
        codename="view_professional_contacts",
        defaults={"name": "Can see contacts for professionals"},
    )
    return permission


def sees_professional_contacts(user) -> bool:
    """Whether ``user`` (logged in, with the permission) sees professionals-only
    contacts; anonymous visitors never do."""
    return bool(user and user.is_authenticated and user.has_perm(PROFESSIONAL_CONTACTS))


def organisation_ids_for(user, action: str) -> set[int]:
    """Ids of the organisations whose records ``user`` may act on with ``action``."""
    assignments = EditorAssignment.objects.filter(user=user)
    federations = set(
        assignments.filter(role=EditorAssignment.Role.FEDERATION_EDITOR).values_list(
            "organisation_id", flat=True
        )
    )
    today = timezone.localdate()
    members = set(
        FederationMembership.objects.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=today),
            Q(end_date__isnull=True) | Q(end_date__gte=today),
            federation_id__in=federations,
        ).values_list("member_id", flat=True)
    )
    ids = federations | members
    if action in _MEMBER_ACTIONS:
        ids |= set(
            assignments.filter(role=EditorAssignment.Role.MEMBER_ACCOUNT).values_list(
                "organisation_id", flat=True
            )
        )
    return ids


def _organisation_id(instance) -> int | None:
    if isinstance(instance, Organisation):
        return instance.pk
    return instance.organisation_id


class DirectoryPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to the records of the user's organisations."""

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if not self.user_has_permission(user, action):
            return False
        if user.is_superuser:
            return True
        return _organisation_id(instance) in organisation_ids_for(user, action)

    def instances_user_has_permission_for(self, user, action) -> QuerySet:
        queryset = self.model._default_manager.all()
        if not self.user_has_permission(user, action):
            return queryset.none()
        if user.is_superuser:
            return queryset
        ids = organisation_ids_for(user, action)
        if self.model is Organisation:
            return queryset.filter(pk__in=ids)
        return queryset.filter(organisation_id__in=ids)

"""The "Newsletter review" workflow: draft → review by a newsletter reviewer →
publish, on each newsletter's page tree."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

WORKFLOW_NAME = "Newsletter review"
REVIEWERS_GROUP = "Newsletter reviewers"


@transaction.atomic
def ensure_review_workflow(newsletter: Page) -> Workflow:
    group, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access_admin:
        group.permissions.add(access_admin)
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=newsletter,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=permission
            ),
        )
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
    task.groups.add(group)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    WorkflowPage.objects.update_or_create(
        page=newsletter, defaults={"workflow": workflow}
    )
    return workflow

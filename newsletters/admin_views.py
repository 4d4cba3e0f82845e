"""Admin: test send, *Send* and the progress of an issue's sending."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from newsletters import sending
from newsletters.models import NewsletterIssuePage, Subscriber


def _issue_for(request, pk: int) -> NewsletterIssuePage:
    issue = get_object_or_404(NewsletterIssuePage, pk=pk)
    if not issue.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return issue


def issue_sending(request, pk: int):
    issue = _issue_for(request, pk)
    url = reverse("newsletters_admin:sending", args=[issue.pk])
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "test":
            email = (request.POST.get("email") or "").strip()
            try:
                validate_email(email)
                sending.send_test(issue, email)
            except ValidationError:
                messages.error(request, _("Enter a valid e-mail address for the test."))
            except sending.SendRefused as refused:
                messages.error(request, str(refused))
            else:
                messages.success(
                    request, _("Test sent to %(email)s.") % {"email": email}
                )
        elif action == "send":
            try:
                created = sending.start_sending(issue)
            except sending.SendRefused as refused:
                messages.error(request, str(refused))
            else:
                messages.success(
                    request,
                    _("Sending started: %(count)s new recipients queued.")
                    % {"count": created},
                )
        return redirect(url)
    confirmed = Subscriber.objects.confirmed().filter(
        newsletter_id=issue.get_parent().pk
    )
    return TemplateResponse(
        request,
        "newsletters/admin/sending.html",
        {
            "issue": issue,
            "progress": sending.progress(issue),
            "refusal": sending.refusal(issue),
            "subscriber_count": confirmed.count(),
            "default_test_email": request.user.email,
            "progress_url": reverse("newsletters_admin:progress", args=[issue.pk]),
            "header_title": _("Sending: %(title)s") % {"title": issue.title},
        },
    )


def issue_progress(request, pk: int):
    issue = _issue_for(request, pk)
    progress = sending.progress(issue)
    return JsonResponse(
        {
            "total": progress.total,
            "sent": progress.sent,
            "failed": progress.failed,
            "remaining": progress.remaining,
            "done": progress.done,
        }
    )

"""Visitors report wrong information: a form with a honeypot and a rate limit."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core import ratelimit
from directory.models import ErrorReport

REPORTS_PER_HOUR = 5


class ErrorReportForm(forms.ModelForm):
    # Humans never see this field; robots fill it in.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    class Meta:
        model = ErrorReport
        fields = ["message", "contact_email"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6, "maxlength": 3000})}

    def clean_message(self):
        message = " ".join(self.cleaned_data["message"].split(" ")).strip()
        if len(message) < 10:
            raise forms.ValidationError(
                _(
                    "Please tell us in a few words what is wrong "
                    "(10 characters at least)."
                )
            )
        return message

    @property
    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


REPORT_LIMIT = ratelimit.Limit("directory-reports", REPORTS_PER_HOUR, 3600)


def rate_limited(request) -> ratelimit.Verdict:
    """Whether this client has already sent REPORTS_PER_HOUR reports this hour
    (``allowed`` False), counted in the cache shared by every worker."""
    return ratelimit.peek(REPORT_LIMIT, ratelimit.client_address(request))


def count_report(request) -> None:
    ratelimit.hit_client(REPORT_LIMIT, request)

"""Visitors report wrong information: a form with a honeypot and a rate limit."""

from __future__ import annotations

import hashlib

from django import forms
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


def _client_key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    hour = timezone.now().strftime("%Y%m%d%H")
    digest = hashlib.sha256(f"{address}|{hour}".encode()).hexdigest()[:32]
    return f"directory:reports:{digest}"


def rate_limited(request) -> bool:
    """True once this client has sent REPORTS_PER_HOUR reports this hour."""
    return cache.get(_client_key(request), 0) >= REPORTS_PER_HOUR


def count_report(request) -> None:
    key = _client_key(request)
    cache.add(key, 0, timeout=3600)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)

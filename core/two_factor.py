"""Two-factor authentication (TOTP, django-otp) for the Wagtail admin.

Administrators (superusers) and federation editors must enter a code from an
authenticator app after their password; until they have enrolled one, the only
admin page they can open is the enrolment page. Member organisation accounts may
enrol from their account page; once they have, their logins ask for a code too.
wagtail-2fa is not used: it targets older Wagtail releases (its classifiers stop
at Wagtail 4) and is more than these two views and one middleware.
"""

from __future__ import annotations

import base64

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

DEVICE_NAME = "authenticator"


# Groups whose members must use a second factor, besides the superusers; the apps
# that grant such rights register them (the directory: its federation editors).
_groups_requiring_second_factor: set[str] = set()


def require_second_factor_for(group_name: str) -> None:
    _groups_requiring_second_factor.add(group_name)


def is_required(user: AbstractBaseUser) -> bool:
    """Administrators and the registered groups must use a second factor."""
    if not getattr(settings, "TWO_FACTOR_REQUIRED", True):
        return False
    return (
        user.is_superuser
        or user.groups.filter(name__in=_groups_requiring_second_factor).exists()
    )


def has_device(user: AbstractBaseUser) -> bool:
    return any(devices_for_user(user, confirmed=True))


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


class RequireTwoFactorMiddleware:
    """Keeps a user who still owes a second factor away from every admin page but
    the verification (or enrolment) page and logout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        redirect_to = self._redirect(request)
        if redirect_to:
            return HttpResponseRedirect(redirect_to)
        return self.get_response(request)

    def _redirect(self, request: HttpRequest) -> str | None:
        admin = reverse("wagtailadmin_home")
        if not request.path.startswith(admin):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        verify, enrol = reverse("two-factor-verify"), reverse("two-factor-enrol")
        # The two pages' own needs: logout, the icon sprite and the JS catalogue
        # (the admin's scripts fetch them; a redirect would be injected as icons).
        open_paths = (
            verify,
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_sprite"),
            reverse("wagtailadmin_javascript_catalog"),
        )
        if request.path in open_paths:
            return None
        if has_device(user):
            target = verify
        elif is_required(user):
            if request.path == enrol:
                return None
            target = enrol
        else:
            return None
        if request.method == "GET" and request.path != admin:
            return f"{target}?{urlencode({'next': request.get_full_path()})}"
        return target


class CodeForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]*",
                "autofocus": True,
            }
        ),
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split())


class VerifyView(WagtailAdminTemplateMixin, FormView):
    """The second step of the login: a code from the enrolled device."""

    template_name = "core/two_factor/verify.html"
    form_class = CodeForm
    page_title = gettext_lazy("Two-factor authentication")
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_verified() or not has_device(request.user):
            return redirect(_next_url(request))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        device = match_token(self.request.user, form.cleaned_data["token"])
        if device is None:
            form.add_error("token", _("This code is not valid. Try the current one."))
            return self.form_invalid(form)
        otp_login(self.request, device)
        return redirect(_next_url(self.request))

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=_next_url(self.request), **kwargs)


class EnrolView(WagtailAdminTemplateMixin, FormView):
    """Enrol an authenticator app: a QR code (SVG made here) or the secret as text,
    then one code to confirm. A user who is verified may also switch it off when it
    is not required for them."""

    template_name = "core/two_factor/enrol.html"
    form_class = CodeForm
    page_title = gettext_lazy("Two-factor authentication")
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_verified() and has_device(request.user):
            return redirect(reverse("two-factor-verify"))
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "disable":
            if has_device(request.user) and not is_required(request.user):
                TOTPDevice.objects.filter(user=request.user).delete()
                messages.success(request, _("Two-factor authentication is off."))
            return redirect(reverse("two-factor-enrol"))
        return super().post(request, *args, **kwargs)

    def pending_device(self) -> TOTPDevice:
        device = TOTPDevice.objects.filter(user=self.request.user, confirmed=False)
        return device.first() or TOTPDevice.objects.create(
            user=self.request.user, name=DEVICE_NAME, confirmed=False
        )

    def form_valid(self, form):
        device = self.pending_device()
        if not device.verify_token(form.cleaned_data["token"]):
            form.add_error("token", _("This code is not valid. Try the current one."))
            return self.form_invalid(form)
        TOTPDevice.objects.filter(user=self.request.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(self.request, device)
        messages.success(self.request, _("Two-factor authentication is on."))
        return redirect(_next_url(self.request))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(next=_next_url(self.request), **kwargs)
        user = self.request.user
        context["enrolled"] = has_device(user)
        context["required"] = is_required(user)
        if not context["enrolled"]:
            device = self.pending_device()
            context["secret"] = base64.b32encode(device.bin_key).decode()
            context["otpauth_uri"] = device.config_url
            context["qr_code"] = qr_code_data_uri(device.config_url)
        return context


def qr_code_data_uri(text: str) -> str:
    """``text`` as a QR code: an SVG made on the server, as a ``data:`` URI."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage)
    svg = image.to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()

"""Admin account views with abuse limits: the password reset, limited per client
(a 429) and per address (silently: the answer never tells whether an account
exists); the login, limited per client whatever the usernames tried (django-axes
locks a username + address pair after failures, which spraying many usernames
from one address would never trigger)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseRedirect
from wagtail.admin.views.account import LoginView, PasswordResetView

from core import ratelimit

HOUR = 3600


def reset_client_limit() -> ratelimit.Limit:
    return ratelimit.Limit(
        "password-reset-client", settings.PASSWORD_RESET_PER_CLIENT_PER_HOUR, HOUR
    )


def reset_address_limit() -> ratelimit.Limit:
    return ratelimit.Limit(
        "password-reset-address", settings.PASSWORD_RESET_PER_ADDRESS_PER_HOUR, HOUR
    )


class LimitedPasswordResetView(PasswordResetView):
    def post(self, request, *args, **kwargs):
        verdict = ratelimit.hit_client(reset_client_limit(), request)
        if not verdict.allowed:
            return ratelimit.too_many_requests(request, verdict.retry_after)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        address = form.cleaned_data["email"].strip().lower()
        if ratelimit.hit(reset_address_limit(), address).allowed:
            return super().form_valid(form)
        # Same redirect as a sent e-mail.
        return HttpResponseRedirect(self.get_success_url())


def login_client_limit() -> ratelimit.Limit:
    return ratelimit.Limit(
        "admin-login-client", settings.ADMIN_LOGIN_PER_CLIENT_PER_HOUR, HOUR
    )


class LimitedLoginView(LoginView):
    def post(self, request, *args, **kwargs):
        verdict = ratelimit.hit_client(login_client_limit(), request)
        if not verdict.allowed:
            return ratelimit.too_many_requests(request, verdict.retry_after)
        return super().post(request, *args, **kwargs)

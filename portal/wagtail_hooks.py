from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core import two_factor


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path(
            "two-factor/verify/",
            two_factor.VerifyView.as_view(),
            name="two-factor-verify",
        ),
        path(
            "two-factor/",
            two_factor.EnrolView.as_view(),
            name="two-factor-enrol",
        ),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("two-factor-enrol"),
        "label": _("Two-factor authentication"),
        "help_text": _("Ask for a code from an authenticator app at each login."),
    }

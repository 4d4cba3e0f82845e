"""Token links from the e-mails. Outside the language prefix: the page speaks the
subscriber's language, and the one-click POST URL of RFC 8058 stays stable."""

from django.urls import path

from newsletters import views

urlpatterns = [
    path(
        "newsletters/confirm/<str:token>/",
        views.confirm,
        name="newsletters-confirm",
    ),
    path(
        "newsletters/unsubscribe/<str:token>/",
        views.unsubscribe,
        name="newsletters-unsubscribe",
    ),
]

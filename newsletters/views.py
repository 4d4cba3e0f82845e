"""Visitor views: subscription with double opt-in, confirmation, unsubscription
(RFC 8058 one-click POST)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from newsletters.forms import SubscribeForm
from newsletters.models import LANGUAGE_CODES, NewsletterPage, Subscriber, new_token


def subscribe(request, newsletter: NewsletterPage):
    form = SubscribeForm(request.POST or None)
    context = {
        "page": newsletter,
        "newsletter": newsletter,
        "form": form,
        "language_alternates": {
            code: newsletter.subscribe_url(code) for code in LANGUAGE_CODES
        },
    }
    if request.method == "POST" and form.is_valid():
        if not form.is_bot():
            _register(newsletter, form.cleaned_data)
        # The same answer whatever happened: it tells nobody who is subscribed.
        context["email"] = form.cleaned_data["email"]
        return render(request, "newsletters/subscribe_sent.html", context)
    status = 400 if request.method == "POST" else 200
    return render(request, "newsletters/subscribe.html", context, status=status)


def _register(newsletter: NewsletterPage, data: dict) -> None:
    from newsletters.emails import send_confirmation

    email = data["email"].strip().lower()
    try:
        with transaction.atomic():
            subscriber, _created = Subscriber.objects.get_or_create(
                newsletter=newsletter,
                email=email,
                defaults={"languages": data["languages"], "confirm_token": new_token()},
            )
    except IntegrityError:  # a simultaneous request created it
        subscriber = Subscriber.objects.get(newsletter=newsletter, email=email)
    if subscriber.is_confirmed:
        return
    subscriber.languages = data["languages"]
    subscriber.confirm_token = subscriber.confirm_token or new_token()
    subscriber.save(update_fields=["languages", "confirm_token"])
    send_confirmation(subscriber)


def _subscriber_language(subscriber: Subscriber | None) -> str:
    if subscriber is None or subscriber.languages == "both":
        return translation.get_language() or "fr"
    return subscriber.languages


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    subscriber = (
        Subscriber.objects.select_related("newsletter")
        .filter(confirm_token=token)
        .first()
    )
    with translation.override(_subscriber_language(subscriber)):
        if subscriber is None:
            return render(
                request,
                "newsletters/link_invalid.html",
                {"action": "confirm"},
                status=410,
            )
        context = {"subscriber": subscriber, "newsletter": subscriber.newsletter}
        if request.method == "POST":
            Subscriber.objects.filter(pk=subscriber.pk).update(
                consent_at=timezone.now(), confirm_token=None
            )
            return render(request, "newsletters/confirmed.html", context)
        return render(request, "newsletters/confirm.html", context)


@csrf_exempt  # RFC 8058: mail clients POST without a form or cookie
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    subscriber = (
        Subscriber.objects.select_related("newsletter")
        .filter(unsubscribe_token=token)
        .first()
    )
    with translation.override(_subscriber_language(subscriber)):
        if request.method == "POST":
            newsletter = subscriber.newsletter if subscriber else None
            if subscriber is not None:
                subscriber.delete()
            # Repeating the POST is harmless: the address is no longer stored.
            return render(
                request, "newsletters/unsubscribed.html", {"newsletter": newsletter}
            )
        if subscriber is None:
            return render(
                request,
                "newsletters/link_invalid.html",
                {"action": "unsubscribe"},
                status=410,
            )
        return render(
            request,
            "newsletters/unsubscribe.html",
            {"subscriber": subscriber, "newsletter": subscriber.newsletter},
        )

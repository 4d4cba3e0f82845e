"""Visitor views: subscription with double opt-in, confirmation, unsubscription
(RFC 8058 one-click POST)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core import ratelimit
from newsletters.forms import SubscribeForm
from newsletters.models import LANGUAGE_CODES, NewsletterPage, Subscriber, new_token


def subscribe_client_limit() -> ratelimit.Limit:
    return ratelimit.Limit(
        "newsletter-subscribe-client",
        settings.NEWSLETTER_SUBSCRIBE_PER_CLIENT_PER_HOUR,
        3600,
    )


# Attempts for one address, whoever sends them (the e-mail itself is further
# limited to one a day by ``Subscriber.confirmation_sent_at``).
SUBSCRIBE_ADDRESS_LIMIT = ratelimit.Limit("newsletter-subscribe-address", 5, 3600)
# Confirmations sent to one mailbox: "name+1@…", "name+2@…" are new addresses each,
# but one inbox; it gets at most a few a day however it is spelt.
SUBSCRIBE_MAILBOX_LIMIT = ratelimit.Limit("newsletter-subscribe-mailbox", 3, 86400)


def mailbox(email: str) -> str:
    """The inbox an address reaches: its ``+tag`` left out (sub-addressing)."""
    local, _at, domain = email.strip().lower().rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


CONFIRMATION_INTERVAL = timedelta(days=1)


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
    if request.method == "POST":
        verdict = ratelimit.hit_client(subscribe_client_limit(), request)
        if not verdict.allowed:
            return ratelimit.too_many_requests(request, verdict.retry_after)
    if request.method == "POST" and form.is_valid():
        if not form.is_bot():
            _register(newsletter, form.cleaned_data)
        # The same answer whatever happened: it tells nobody who is subscribed.
        context["email"] = form.cleaned_data["email"]
        return render(request, "newsletters/subscribe_sent.html", context)
    status = 400 if request.method == "POST" else 200
    return render(request, "newsletters/subscribe.html", context, status=status)


def _register(newsletter: NewsletterPage, data: dict) -> None:
    """Store the address (once, even under simultaneous requests) and queue its
    confirmation e-mail unless one was sent in the last day or it is confirmed.

    Race-free without locks: the row is inserted with ON CONFLICT DO NOTHING, and
    the right to send is claimed by one conditional UPDATE, which only one of
    several simultaneous requests can win.
    """
    from newsletters.tasks import send_subscription_confirmation

    email = data["email"].strip().lower()
    if not ratelimit.hit(SUBSCRIBE_ADDRESS_LIMIT, email).allowed:
        return
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                newsletter=newsletter,
                email=email,
                languages=data["languages"],
                confirm_token=new_token(),
            )
        ],
        ignore_conflicts=True,
    )
    now = timezone.now()
    due = Q(confirmation_sent_at__isnull=True) | Q(
        confirmation_sent_at__lte=now - CONFIRMATION_INTERVAL
    )
    pending = Subscriber.objects.filter(
        newsletter=newsletter, email=email, consent_at__isnull=True
    )
    claimed = pending.filter(due).update(
        confirmation_sent_at=now,
        languages=data["languages"],
        confirm_token=Coalesce("confirm_token", Value(new_token())),
    )
    if claimed and ratelimit.hit(SUBSCRIBE_MAILBOX_LIMIT, mailbox(email)).allowed:
        subscriber_id = pending.values_list("pk", flat=True).first()
        if subscriber_id is not None:
            send_subscription_confirmation.enqueue(subscriber_id)


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

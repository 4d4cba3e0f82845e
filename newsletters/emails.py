"""The e-mails of the newsletters: an issue (HTML + plain text, in the subscriber's
language or both), the test send and the subscription confirmation."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.languages import in_language
from newsletters.models import (
    LANGUAGE_CODES,
    NewsletterIssuePage,
    NewsletterPage,
    Subscriber,
    base_url,
)


def unsubscribe_url(subscriber: Subscriber) -> str:
    return base_url() + reverse(
        "newsletters-unsubscribe", args=[subscriber.unsubscribe_token]
    )


def confirm_url(subscriber: Subscriber) -> str:
    return base_url() + reverse("newsletters-confirm", args=[subscriber.confirm_token])


def unsubscribe_mailto(subscriber: Subscriber) -> str:
    address = getattr(
        settings, "NEWSLETTER_UNSUBSCRIBE_EMAIL", settings.PORTAL_CONTACT_EMAIL
    )
    return f"mailto:{address}?subject=unsubscribe%20{subscriber.unsubscribe_token}"


def _absolute(url: str | None) -> str:
    if not url:
        return ""
    return url if url.startswith(("http://", "https://")) else base_url() + url


def issue_edition(issue: NewsletterIssuePage, language: str) -> dict:
    """What the e-mail shows of ``issue`` in ``language``."""
    with translation.override(language):
        articles = [
            {
                "title": in_language(article, "title", language),
                "standfirst": in_language(article, "standfirst", language),
                "url": _absolute(article.get_url()),
            }
            for article in issue.articles()
        ]
        return {
            "language": language,
            "title": in_language(issue, "title", language),
            "editorial": in_language(issue, "editorial", language),
            "url": _absolute(issue.get_url()),
            "articles": articles,
            "pdf_url": _absolute(issue.print_file.url) if issue.print_file else "",
        }


def issue_subject(issue: NewsletterIssuePage, languages: list[str]) -> str:
    newsletter = issue.newsletter
    titles = []
    for code in languages:
        with translation.override(code):
            title = str(in_language(issue, "title", code))
            if title not in titles:
                titles.append(title)
    return f"{newsletter.title} N° {issue.number} · {' / '.join(titles)}"


UNSUBSCRIBE_PLACEHOLDER = "__unsubscribe_url__"


class IssueMailer:
    """Builds the issue's messages; each language set is rendered once, then only
    the subscriber's own unsubscribe link changes."""

    def __init__(self, issue: NewsletterIssuePage):
        self.issue = issue
        self.newsletter = issue.newsletter
        self._rendered: dict[tuple[str, ...], tuple[str, str, str]] = {}

    def _render(self, languages: list[str], unsubscribe: str) -> tuple[str, str, str]:
        key = tuple(languages)
        if key not in self._rendered:
            editions = [issue_edition(self.issue, code) for code in languages]
            # The message's own words (footer) follow its first language.
            with translation.override(languages[0]):
                context = {
                    "issue": self.issue,
                    "newsletter": self.newsletter,
                    "editions": editions,
                    "languages": languages,
                    "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER if unsubscribe else "",
                    "bilingual": len(languages) > 1,
                    "base_url": base_url(),
                }
                self._rendered[key] = (
                    issue_subject(self.issue, languages),
                    render_to_string("newsletters/email/issue.txt", context),
                    render_to_string("newsletters/email/issue.html", context),
                )
        subject, text, html = self._rendered[key]
        return (
            subject,
            text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe),
            html.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe),
        )

    def message(
        self,
        email: str,
        languages: list[str],
        *,
        unsubscribe: str = "",
        mailto: str = "",
        connection=None,
        message_id: str | None = None,
    ) -> EmailMultiAlternatives:
        subject, text, html = self._render(languages, unsubscribe)
        newsletter = self.newsletter
        headers = {}
        if unsubscribe:
            headers["List-Unsubscribe"] = f"<{unsubscribe}>" + (
                f", <{mailto}>" if mailto else ""
            )
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        headers["List-Id"] = f"{newsletter.title} <newsletter-{newsletter.pk}.portal>"
        if message_id:
            headers["Message-ID"] = message_id
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=_sender(newsletter),
            to=[email],
            reply_to=[newsletter.reply_to] if newsletter.reply_to else None,
            headers=headers,
            connection=connection,
        )
        message.attach_alternative(html, "text/html")
        return message

    def for_subscriber(
        self, subscriber: Subscriber, *, connection=None, message_id=None
    ) -> EmailMultiAlternatives:
        """The issue for ``subscriber``, with RFC 8058 one-click unsubscribe."""
        return self.message(
            subscriber.email,
            subscriber.language_codes(),
            unsubscribe=unsubscribe_url(subscriber),
            mailto=unsubscribe_mailto(subscriber),
            connection=connection,
            message_id=message_id,
        )


def build_test_message(
    issue: NewsletterIssuePage, email: str, *, connection=None
) -> EmailMultiAlternatives:
    """The test send: both languages, marked as a test, no real unsubscribe link."""
    message = IssueMailer(issue).message(
        email, list(LANGUAGE_CODES), connection=connection
    )
    message.subject = "[TEST] " + message.subject
    return message


def _sender(newsletter: NewsletterPage) -> str:
    from email.utils import formataddr

    return formataddr((newsletter.display_sender(), settings.DEFAULT_FROM_EMAIL))


def send_confirmation(subscriber: Subscriber) -> None:
    """The double opt-in e-mail, in the language(s) the subscriber chose."""
    newsletter = subscriber.newsletter
    languages = subscriber.language_codes()
    parts_text, parts_html = [], []
    for code in languages:
        with translation.override(code):
            context = {
                "newsletter": newsletter,
                "title": in_language(newsletter, "title", code),
                "confirm_url": confirm_url(subscriber),
                "language": code,
            }
            parts_text.append(
                render_to_string("newsletters/email/confirm.txt", context)
            )
            parts_html.append(
                render_to_string("newsletters/email/confirm_part.html", context)
            )
    with translation.override(languages[0]):
        subject = _("Confirm your subscription to %(newsletter)s") % {
            "newsletter": newsletter.title
        }
        html = render_to_string(
            "newsletters/email/confirm.html",
            {"parts": parts_html, "subject": subject, "language": languages[0]},
        )
    message = EmailMultiAlternatives(
        subject=subject,
        body="\n\n----\n\n".join(parts_text),
        from_email=_sender(newsletter),
        to=[subscriber.email],
    )
    message.attach_alternative(html, "text/html")
    message.send()

"""Newsletters: a series (page) → issues (pages) → articles (pages); subscribers and
one delivery row per (subscriber, issue)."""

from __future__ import annotations

import secrets
from collections import OrderedDict
from datetime import MAXYEAR, MINYEAR

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.constants import LANGUAGE_CODES
from core.pages import TranslatedPageMixin
from newsletters.blocks import ArticleBodyBlock, SignatoryBlock


def new_token() -> str:
    return secrets.token_urlsafe(32)


class NewsletterPage(RoutablePageMixin, TranslatedPageMixin, Page):
    """A newsletter series such as "Mutmail", published by a federation.

    The page is the archive; it also serves the year archives, the feeds and the
    subscription form.
    """

    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("federation"),
        on_delete=models.PROTECT,
        related_name="newsletters",
    )
    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )
    sender_name = models.CharField(
        _("sender name"),
        max_length=120,
        blank=True,
        help_text=_("Shown as the sender of the e-mails; the title if empty."),
    )
    reply_to = models.EmailField(_("reply-to address"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("organisation"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("sender_name"), FieldPanel("reply_to")], heading=_("E-mail")
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["portal.HomePage", "portal.StandardPage"]
    subpage_types = ["newsletters.NewsletterIssuePage"]

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")

    def clean(self):
        super().clean()
        from directory.models import Organisation

        if (
            self.organisation_id
            and not Organisation.objects.federations()
            .filter(pk=self.organisation_id)
            .exists()
        ):
            raise ValidationError(
                {"organisation": _("A newsletter is published by a federation.")}
            )

    def issues(self):
        return (
            NewsletterIssuePage.objects.child_of(self)
            .live()
            .public()
            .order_by("-issue_date", "-pk")
        )

    def issues_by_year(self, year: int | None = None) -> OrderedDict:
        issues = self.issues()
        if year is not None:
            issues = issues.filter(issue_date__year=year)
        grouped: OrderedDict = OrderedDict()
        for issue in issues:
            grouped.setdefault(issue.issue_date.year, []).append(issue)
        return grouped

    def years(self) -> list[int]:
        return sorted({d.year for d in self.issues().dates("issue_date", "year")})[::-1]

    def display_sender(self) -> str:
        return self.sender_name or str(self.title)

    # --- Routes -------------------------------------------------------------
    @path("")
    def archive(self, request):
        return self.render(
            request,
            context_overrides={
                "issues_by_year": self.issues_by_year(),
                "years": self.years(),
            },
        )

    @path("<int:year>/", name="year")
    def year_archive(self, request, year: int):
        # The route takes any number of digits: 0, 10000 or 10**20 is no year a
        # date can hold (the year lookup would fail with a 500).
        if not MINYEAR <= year <= MAXYEAR:
            raise Http404
        grouped = self.issues_by_year(year)
        if not grouped:
            raise Http404
        return self.render(
            request,
            context_overrides={
                "issues_by_year": grouped,
                "years": self.years(),
                "year": year,
            },
        )

    @path("rss/", name="rss")
    def rss_feed(self, request):
        from newsletters.feeds import IssueRssFeed

        return IssueRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        from newsletters.feeds import IssueAtomFeed

        return IssueAtomFeed(self)(request)

    @path(_("subscribe/"), name="subscribe")
    def subscribe(self, request):
        from newsletters.views import subscribe

        return subscribe(request, self)

    def subscribe_url(self, language: str | None = None) -> str:
        """The subscription form's address, in ``language`` (default: current)."""
        from django.utils import translation

        with translation.override(language or translation.get_language()):
            return (self.get_url() or "/") + self.reverse_subpage("subscribe")


class NewsletterIssuePage(TranslatedPageMixin, Page):
    """One issue of a newsletter, e.g. Mutmail N° 25-26; its articles are children."""

    number = models.CharField(
        _("number"), max_length=20, help_text=_('As printed, e.g. "25-26".')
    )
    issue_date = models.DateField(_("date of the issue"), default=timezone.localdate)
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    editorial = RichTextField(
        _("editorial"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    signatories = StreamField(
        [("signatory", SignatoryBlock())],
        verbose_name=_("signatories of the editorial"),
        blank=True,
    )
    # The print edition, regenerated after each publication (newsletters.pdf).
    print_file = models.ForeignKey(
        "documents.PublicationFile",
        verbose_name=_("print edition (PDF)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    print_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    # The bibliographic record of the documentation centre, kept in step on publish.
    publication = models.OneToOneField(
        "documents.Publication",
        verbose_name=_("publication record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="newsletter_issue",
        editable=False,
    )
    test_sent_at = models.DateTimeField(_("test sent at"), null=True, editable=False)
    test_sent_to = models.EmailField(_("test sent to"), blank=True, editable=False)
    send_started_at = models.DateTimeField(
        _("sending started at"), null=True, editable=False
    )

    content_panels = Page.content_panels + [
        FieldPanel("number"),
        FieldPanel("issue_date"),
        FieldPanel("cover"),
        FieldPanel("editorial"),
        FieldPanel("signatories"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("editorial"),
        index.FilterField("issue_date"),
    ]
    parent_page_types = ["newsletters.NewsletterPage"]
    subpage_types = ["newsletters.ArticlePage"]

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    @property
    def newsletter(self) -> NewsletterPage:
        return NewsletterPage.objects.ancestor_of(self).get()

    def articles(self):
        return ArticlePage.objects.child_of(self).live().public().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["newsletter"] = self.newsletter
        context["articles"] = self.articles()
        context["side_by_side"] = request.GET.get("view") == "bilingual"
        return context


class ArticlePage(TranslatedPageMixin, Page):
    """An article of an issue; ordered as the issue's children in the page tree."""

    standfirst = models.TextField(_("standfirst"), blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("standfirst"),
        FieldPanel("author"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.SearchField("author"),
    ]
    parent_page_types = ["newsletters.NewsletterIssuePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("newsletter article")
        verbose_name_plural = _("newsletter articles")

    @property
    def issue(self) -> NewsletterIssuePage:
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        issue = self.issue
        context["issue"] = issue
        context["newsletter"] = issue.newsletter
        context["side_by_side"] = request.GET.get("view") == "bilingual"
        siblings = list(issue.articles().values_list("pk", flat=True))
        position = siblings.index(self.pk) if self.pk in siblings else -1
        context["previous_article"] = (
            ArticlePage.objects.get(pk=siblings[position - 1]) if position > 0 else None
        )
        context["next_article"] = (
            ArticlePage.objects.get(pk=siblings[position + 1])
            if 0 <= position < len(siblings) - 1
            else None
        )
        return context


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self) -> SubscriberQuerySet:
        return self.filter(consent_at__isnull=False)


class Subscriber(models.Model):
    """A reader of one newsletter. Only what the double opt-in and the
    unsubscription need is stored."""

    class Languages(models.TextChoices):
        FR = "fr", _("French")
        NL = "nl", _("Dutch")
        BOTH = "both", _("French and Dutch")

    newsletter = models.ForeignKey(
        NewsletterPage,
        verbose_name=_("newsletter"),
        on_delete=models.CASCADE,
        related_name="newsletter_subscribers",
    )
    email = models.EmailField(_("e-mail address"))
    languages = models.CharField(
        _("language(s)"), max_length=4, choices=Languages.choices
    )
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    # At most one confirmation e-mail per address and per day.
    confirmation_sent_at = models.DateTimeField(
        _("confirmation e-mail sent at"), null=True, blank=True, editable=False
    )
    confirm_token = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    unsubscribe_token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter", "email"], name="unique_subscriber_per_newsletter"
            )
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_confirmed(self) -> bool:
        return self.consent_at is not None

    def language_codes(self) -> list[str]:
        return list(LANGUAGE_CODES) if self.languages == "both" else [self.languages]

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class DeliveryQuerySet(models.QuerySet):
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(Delivery.Status.values, 0)
        for row in self.values("status").annotate(n=models.Count("pk")):
            counts[row["status"]] = row["n"]
        return counts


class Delivery(models.Model):
    """The sending of one issue to one subscriber: at most once.

    ``pending`` → ``claimed`` (by one batch, with a lease) → ``transmitting`` (handed
    to the mail backend) → ``sent``; errors go back to ``pending`` with a backoff, or
    to ``failed`` after the last attempt. A ``claimed`` row whose lease expired (its
    worker died) goes back to ``pending``; a ``transmitting`` one may or may not have
    left, so it becomes ``failed`` rather than risk a second e-mail.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        CLAIMED = "claimed", _("Claimed")
        TRANSMITTING = "transmitting", _("Transmitting")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    issue = models.ForeignKey(
        NewsletterIssuePage,
        verbose_name=_("issue"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("subscriber"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claim_token = models.CharField(max_length=32, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="unique_delivery_per_issue"
            )
        ]
        indexes = [models.Index(fields=["issue", "status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.issue_id} → {self.subscriber_id}: {self.status}"


def base_url() -> str:
    """Where the portal is served, for links in e-mails and feeds."""
    return settings.PORTAL_BASE_URL.rstrip("/")

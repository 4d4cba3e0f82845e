"""The documentation centre: publications, their files and legislation fiches."""

from __future__ import annotations

from datetime import date, datetime, time
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.models import AbstractDocument, Document
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    Orderable,
    Page,
    PageLogEntry,
    Revision,
    RevisionMixin,
)
from wagtail.search import index

from core.drafts import RequiredEvenInDraftMixin
from core.languages import in_language
from core.pages import TranslatedPageMixin
from documents.blocks import FicheBodyBlock
from documents.validators import (
    format_issn,
    normalise_isbn,
    validate_isbn,
    validate_issn,
)


class PublicationFile(AbstractDocument):
    """A file attached to a publication (PDF, DOCX, ODT…), with its extracted text.

    Defined before the first migration because Wagtail's document model cannot be
    swapped later; the documentation centre fills ``extracted_text`` in a task.
    """

    class ExtractionStatus(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Text extracted")
        IMAGE_ONLY = "image_only", _("Image only (no text layer)")
        FAILED = "failed", _("Extraction failed")

    extracted_text = models.TextField(_("extracted text"), blank=True)
    extraction_status = models.CharField(
        _("extraction status"),
        max_length=20,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING,
    )
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    page_offsets = models.JSONField(
        _("page offsets"),
        default=list,
        blank=True,
        help_text=_("Character offset where each page starts in the extracted text."),
    )
    text_fr = models.TextField(_("French text"), blank=True)
    text_nl = models.TextField(_("Dutch text"), blank=True)
    extraction_method = models.CharField(
        _("extraction method"), max_length=30, blank=True
    )
    extraction_error = models.TextField(_("extraction error"), blank=True)
    extracted_at = models.DateTimeField(_("extracted at"), null=True, blank=True)

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("publication file")
        verbose_name_plural = _("publication files")


class PublicationQuerySet(models.QuerySet):
    def public(self) -> PublicationQuerySet:
        return self.filter(live=True)


class Publication(
    RequiredEvenInDraftMixin,
    DraftStateMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """A bibliographic record of the documentation centre, with its files."""

    class Kind(models.TextChoices):
        BOOK = "book", _("Book")
        JOURNAL_ISSUE = "journal_issue", _("Journal issue")
        ARTICLE = "article", _("Article")
        BROCHURE = "brochure", _("Brochure")
        REPORT = "report", _("Report")
        MEMORANDUM = "memorandum", _("Memorandum or position paper")
        NEWSLETTER_ISSUE = "newsletter_issue", _("Newsletter issue")

    class Access(models.TextChoices):
        OPEN = "open", _("Free access online")
        LIBRARY = "library", _("Consultation at the documentation centre")
        REQUEST = "request", _("On request from the publisher")
        RESTRICTED = "restricted", _("Restricted or paid access")

    class OriginalLanguage(models.TextChoices):
        FRENCH = "fr", _("French")
        DUTCH = "nl", _("Dutch")
        ENGLISH = "en", _("English")
        GERMAN = "de", _("German")
        OTHER = "other", _("Other language")

    external_id = models.CharField(
        _("stable identifier"),
        max_length=64,
        unique=True,
        help_text=_("Identifier used by imports and exports; never reused."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=400)
    original_title = models.CharField(
        _("original title"),
        max_length=400,
        blank=True,
        help_text=_("The title as printed, in the document's own language."),
    )
    original_language = models.CharField(
        _("original language"),
        max_length=5,
        choices=OriginalLanguage.choices,
        default=OriginalLanguage.FRENCH,
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    abstract = models.TextField(_("abstract"), blank=True)
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    publisher_organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("publisher in the directory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="published_publications",
    )
    place = models.CharField(_("place of publication"), max_length=120, blank=True)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
        help_text=_("Filled from the publication date when left empty."),
    )
    languages = ParentalManyToManyField(
        "directory.Language",
        verbose_name=_("languages"),
        blank=True,
        related_name="publications",
    )
    themes = ParentalManyToManyField(
        "directory.Category",
        verbose_name=_("themes"),
        blank=True,
        related_name="publications",
    )
    keywords = models.CharField(
        _("keywords"),
        max_length=500,
        blank=True,
        help_text=_("Free keywords, separated by commas."),
    )
    isbn = models.CharField(
        _("ISBN"), max_length=20, blank=True, validators=[validate_isbn]
    )
    issn = models.CharField(
        _("ISSN"), max_length=12, blank=True, validators=[validate_issn]
    )
    pages = models.CharField(
        _("pages"),
        max_length=30,
        blank=True,
        help_text=_("Number of pages, or a page range for an article (12-20)."),
    )
    series = models.CharField(
        _("series or journal"), max_length=255, blank=True, help_text=_("e.g. Mutmail")
    )
    series_number = models.CharField(
        _("number in the series"), max_length=30, blank=True, help_text=_("e.g. 25-26")
    )
    url = models.URLField(_("web address"), max_length=500, blank=True)
    access = models.CharField(
        _("access"), max_length=12, choices=Access.choices, default=Access.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublicationQuerySet.as_manager()

    search_fields = [
        index.SearchField("title_fr", boost=3),
        index.SearchField("title_nl", boost=3),
        index.SearchField("original_title", boost=2),
        index.SearchField("abstract_fr"),
        index.SearchField("abstract_nl"),
        index.SearchField("authors_text", boost=2),
        index.SearchField("keywords", boost=1.5),
        index.SearchField("series"),
        index.SearchField("themes_fr"),
        index.SearchField("themes_nl"),
        index.SearchField("file_text_fr", es_extra={"index_options": "offsets"}),
        index.SearchField("file_text_nl", es_extra={"index_options": "offsets"}),
        index.AutocompleteField("title_fr"),
        index.AutocompleteField("title_nl"),
        index.FilterField("live"),
        index.FilterField("kind"),
        index.FilterField("year"),
        index.FilterField("access"),
        index.FilterField("language_codes"),
        index.FilterField("theme_slugs"),
        index.FilterField("organisation_ids"),
    ]

    class Meta:
        ordering = ["-year", "-publication_date", "title"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return self.title or self.original_title

    # --- derived values -------------------------------------------------------

    def clean(self):
        super().clean()
        if self.isbn:
            self.isbn = normalise_isbn(self.isbn)
        if self.issn:
            self.issn = format_issn(self.issn)
        if (
            self.year
            and self.publication_date
            and self.year != self.publication_date.year
        ):
            raise ValidationError(
                {"year": _("The year does not match the publication date.")}
            )

    def save(self, *args, **kwargs):
        if self.publication_date and not self.year:
            self.year = self.publication_date.year
        if not self.slug:
            base = slugify(self.title_fr or self.title or self.original_title)[:100]
            self.slug = base or slugify(self.external_id)[:100]
            candidate, n = self.slug, 2
            while (
                Publication.objects.filter(slug=candidate).exclude(pk=self.pk).exists()
            ):
                candidate, n = f"{self.slug}-{n}", n + 1
            self.slug = candidate
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("documents:publication-detail", kwargs={"slug": self.slug})

    @classmethod
    def get_indexed_objects(cls):
        """Authors, themes, languages and files fetched per chunk in a few
        queries, not per record."""
        return (
            super()
            .get_indexed_objects()
            .prefetch_related(
                "authors",
                models.Prefetch(
                    "corporate_authors",
                    queryset=PublicationCorporateAuthor.objects.select_related(
                        "organisation"
                    ),
                ),
                "languages",
                "themes",
                models.Prefetch(
                    "files",
                    queryset=PublicationFileLink.objects.select_related("document"),
                ),
            )
        )

    def person_authors(self) -> list[PublicationAuthor]:
        return list(self.authors.all())

    def corporate_author_list(self) -> list[PublicationCorporateAuthor]:
        return list(self.corporate_authors.all())

    def authors_text(self) -> str:
        names = [a.display_name for a in self.person_authors()]
        names += [c.display_name for c in self.corporate_author_list()]
        return " ; ".join(names)

    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(",") if k.strip()]

    def language_codes(self) -> list[str]:
        return [language.code for language in self.languages.all()]

    def theme_slugs(self) -> list[str]:
        return [theme.slug for theme in self.themes.all()]

    def themes_fr(self) -> str:
        return " ".join(t.name_fr or t.name for t in self.themes.all())

    def themes_nl(self) -> str:
        return " ".join(t.name_nl or t.name for t in self.themes.all())

    def organisation_ids(self) -> list[int]:
        ids = [
            c.organisation_id for c in self.corporate_authors.all() if c.organisation_id
        ]
        if self.publisher_organisation_id:
            ids.append(self.publisher_organisation_id)
        return ids

    def documents(self) -> list[PublicationFile]:
        return [link.document for link in self.files.all()]

    def _searchable_documents(self) -> list[PublicationFile]:
        """Files whose text the search may show: not of a restricted publication,
        not in a private collection (a snippet would give away what a download
        refuses)."""
        # documents.serving reads these models: imported on use.
        from documents.serving import in_public_collection

        if self.access == self.Access.RESTRICTED:
            return []
        return [d for d in self.documents() if in_public_collection(d)]

    def file_text_fr(self) -> str:
        return "\n\n".join(d.text_fr for d in self._searchable_documents() if d.text_fr)

    def file_text_nl(self) -> str:
        return "\n\n".join(d.text_nl for d in self._searchable_documents() if d.text_nl)

    def text_status(self) -> str:
        """For editors: the worst extraction status among the files."""
        documents = self.documents()
        if not documents:
            return str(_("No file"))
        order = ["failed", "image_only", "pending", "done"]
        worst = min(
            (d.extraction_status for d in documents), key=lambda s: order.index(s)
        )
        return str(PublicationFile.ExtractionStatus(worst).label)

    text_status.short_description = _("file text")

    def main_file(self) -> PublicationFile | None:
        documents = self.documents()
        return documents[0] if documents else None


class PublicationAuthor(Orderable):
    """A person who wrote (or edited) the publication."""

    class Role(models.TextChoices):
        AUTHOR = "author", _("Author")
        EDITOR = "editor", _("Editor")

    publication = ParentalKey(
        Publication, on_delete=models.CASCADE, related_name="authors"
    )
    family_name = models.CharField(_("family name"), max_length=120)
    given_names = models.CharField(_("given names"), max_length=120, blank=True)
    role = models.CharField(
        _("role"), max_length=10, choices=Role.choices, default=Role.AUTHOR
    )

    panels = [FieldPanel("family_name"), FieldPanel("given_names"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()


class PublicationCorporateAuthor(Orderable):
    """An organisation as author: linked to the directory when it is there."""

    publication = ParentalKey(
        Publication, on_delete=models.CASCADE, related_name="corporate_authors"
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation in the directory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authored_publications",
    )
    name = models.CharField(
        _("name"),
        max_length=255,
        blank=True,
        help_text=_("Only when the organisation is not in the directory."),
    )

    panels = [FieldPanel("organisation"), FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("corporate author")
        verbose_name_plural = _("corporate authors")

    def __str__(self) -> str:
        return self.display_name

    def clean(self):
        if not self.organisation_id and not self.name.strip():
            raise ValidationError(
                _("Choose an organisation from the directory or type its name.")
            )

    @property
    def display_name(self) -> str:
        if self.organisation_id:
            return self.organisation.name
        return self.name


class PublicationFileLink(Orderable):
    """A file of a publication (the first one gives the cover thumbnail)."""

    publication = ParentalKey(
        Publication, on_delete=models.CASCADE, related_name="files"
    )
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("file"),
        on_delete=models.PROTECT,
        related_name="publication_links",
    )
    label = models.CharField(
        _("label"),
        max_length=120,
        blank=True,
        help_text=_("e.g. full text, French version, annexes"),
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")


# --- legislation fiches -------------------------------------------------------


class Authority(models.TextChoices):
    FEDERAL = "federal", _("Federal state")
    COCOF = "cocof", _("COCOF (French Community Commission)")
    COCOM = "cocom", _("COCOM/GGC (Common Community Commission)")
    VGC = "vgc", _("VGC (Flemish Community Commission)")
    WALLONIA = "wallonia", _("Walloon Region")
    FWB = "fwb", _("Wallonia-Brussels Federation")


class LegislationFicheIndexPage(TranslatedPageMixin, Page):
    """The list of legislation fiches."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["portal.HomePage", "portal.StandardPage"]
    subpage_types = ["documents.LegislationFichePage"]

    class Meta:
        verbose_name = _("legislation fiche index")

    def get_fiches(self):
        return (
            LegislationFichePage.objects.child_of(self)
            .live()
            .public()
            .order_by("title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        fiches = self.get_fiches()
        authority = request.GET.get("authority", "")
        if authority in Authority.values:
            fiches = fiches.filter(authority=authority)
        else:
            authority = ""
        context.update(
            fiches=fiches, authorities=Authority.choices, authority=authority
        )
        return context


class LegislationFichePage(TranslatedPageMixin, RoutablePageMixin, Page):
    """What the law says on one subject, who it concerns, and who can help."""

    REVIEW_MAX_AGE_DAYS = 365

    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(FicheBodyBlock(), verbose_name=_("body"), blank=True)
    authority = models.CharField(
        _("authority level"), max_length=10, choices=Authority.choices
    )
    themes = ParentalManyToManyField(
        "directory.Category",
        verbose_name=_("themes"),
        blank=True,
        related_name="legislation_fiches",
    )
    publics = ParentalManyToManyField(
        "directory.Public",
        verbose_name=_("target publics"),
        blank=True,
        related_name="legislation_fiches",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("Leave empty while the rules apply."),
    )
    last_reviewed = models.DateField(_("last reviewed on"), null=True, blank=True)
    reviewer = models.CharField(_("reviewed by"), max_length=120, blank=True)
    related_fiches = ParentalManyToManyField(
        "self",
        verbose_name=_("related fiches"),
        blank=True,
        symmetrical=False,
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    promote_panels = Page.promote_panels
    settings_panels = Page.settings_panels
    fiche_panels = [
        FieldPanel("authority"),
        FieldPanel("themes"),
        FieldPanel("publics"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
        FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("reviewer")]),
        FieldPanel("related_fiches"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(fiche_panels, heading=_("Fiche")),
            ObjectList(promote_panels, heading=_("Promote")),
            ObjectList(settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("themes_fr"),
        index.SearchField("themes_nl"),
        index.FilterField("authority"),
        index.FilterField("valid_to"),
        index.FilterField("last_reviewed"),
        index.FilterField("theme_slugs"),
        index.FilterField("is_valid"),
    ]
    parent_page_types = ["documents.LegislationFicheIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("legislation fiche")
        verbose_name_plural = _("legislation fiches")

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(
                {"valid_to": _("The end of validity comes before its start.")}
            )

    # --- derived values ---------------------------------------------------------

    def theme_slugs(self) -> list[str]:
        return [theme.slug for theme in self.themes.all()]

    def themes_fr(self) -> str:
        return " ".join(t.name_fr or t.name for t in self.themes.all())

    def themes_nl(self) -> str:
        return " ".join(t.name_nl or t.name for t in self.themes.all())

    def is_valid(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        if self.valid_to and self.valid_to < on:
            return False
        return not (self.valid_from and self.valid_from > on)

    def validity_ended(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return bool(self.valid_to and self.valid_to < on)

    def review_overdue(self, on: date | None = None) -> bool:
        """Never reviewed, or reviewed more than 12 months ago."""
        on = on or timezone.localdate()
        if self.last_reviewed is None:
            return True
        return (on - self.last_reviewed).days > self.REVIEW_MAX_AGE_DAYS

    def legal_references(self) -> list:
        return [
            block.value for block in self.body if block.block_type == "legal_reference"
        ]

    # --- history ----------------------------------------------------------------

    def revision_as_of(self, day: date) -> Revision | None:
        """The revision live at the end of ``day`` (None: not yet published)."""
        end = timezone.make_aware(datetime.combine(day, time.max))
        entry = (
            PageLogEntry.objects.filter(
                page=self,
                action="wagtail.publish",
                timestamp__lte=end,
                revision__isnull=False,
            )
            .select_related("revision")
            .order_by("-timestamp", "-pk")
            .first()
        )
        if entry is not None:
            return entry.revision
        if self.first_published_at and self.first_published_at <= end:
            return self.live_revision
        return None

    # --- views ------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        from places.geocoding import WhereError, parse_where

        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        where_text = " ".join(request.GET.get("where", "").split())[:200]
        where, where_error = None, ""
        if where_text:
            try:
                where = parse_where(where_text)
            except WhereError as error:
                where_error = str(error)
        context.update(
            today=today,
            where=where,
            where_text=where_text,
            where_error=where_error,
            review_overdue=self.review_overdue(today),
            validity_ended=self.validity_ended(today),
            # An older revision holds its relations in memory: ask the database
            # which of them are still live.
            related=LegislationFichePage.objects.live()
            .public()
            .filter(pk__in=[fiche.pk for fiche in self.related_fiches.all()]),
            pdf_query=urlencode(
                {
                    key: request.GET[key]
                    for key in ("as_of", "where")
                    if request.GET.get(key)
                }
            ),
            has_helpers=any(
                block.block_type == "who_can_help"
                for block in in_language(self, "body").value or []
            ),
        )
        return context

    def _as_of(self, request):
        """(page to show, notice, status) for ``?as_of=YYYY-MM-DD``."""
        raw = request.GET.get("as_of", "").strip()
        if not raw:
            return self, None, 200
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            return (
                self,
                gettext(
                    "“%(value)s” is not a date: write it as YYYY-MM-DD, "
                    "e.g. 2011-01-01. Here is the current version."
                )
                % {"value": raw[:20]},
                400,
            )
        revision = self.revision_as_of(day)
        if revision is None:
            first = self.first_published_at
            return (
                None,
                gettext(
                    "This fiche was not yet published on %(date)s; it was first "
                    "published on %(first)s."
                )
                % {
                    "date": date_format(day, "DATE_FORMAT"),
                    "first": date_format(timezone.localdate(first), "DATE_FORMAT")
                    if first
                    else "—",
                },
                404,
            )
        page = revision.as_object()
        published = revision.created_at
        entry = (
            PageLogEntry.objects.filter(revision=revision, action="wagtail.publish")
            .order_by("timestamp")
            .first()
        )
        if entry is not None:
            published = entry.timestamp
        page.shown_revision = revision
        return (
            page,
            gettext(
                "You are reading this fiche as it was published on %(published)s "
                "(the version in force on %(date)s). It may be out of date."
            )
            % {
                "published": date_format(timezone.localtime(published), "DATE_FORMAT"),
                "date": date_format(day, "DATE_FORMAT"),
            },
            200,
        )

    def _render(self, request, template: str, **extra):
        page, notice, status = self._as_of(request)
        if page is None:
            return TemplateResponse(
                request,
                "documents/fiche_not_yet.html",
                {"page": self, "notice": notice},
                status=status,
            )
        context = page.get_context(request)
        context.update(
            page=page, self=page, as_of_notice=notice, current_page=self, **extra
        )
        if page is not self:
            # An older revision: related fiches as they are now, links to today.
            context["is_old_revision"] = True
        return TemplateResponse(request, template, context, status=status)

    @path("")
    def fiche(self, request):
        response = self._render(request, self.get_template(request))
        if (
            response.status_code == 200
            and request.GET.get("where")
            and (response.context_data.get("where_error"))
        ):
            response.status_code = 400
        return response

    @path("pdf/", name="pdf")
    def pdf(self, request):
        from documents.pdf import PdfUnavailable, fiche_pdf_response

        response = self._render(request, "documents/legislation_fiche_print.html")
        if response.status_code != 200:
            return response
        try:
            return fiche_pdf_response(request, response, self)
        except PdfUnavailable:
            return TemplateResponse(
                request,
                "documents/fiche_not_yet.html",
                {
                    "page": self,
                    "notice": gettext(
                        "The PDF cannot be made right now. Use your browser's print "
                        "function: the page is laid out for printing."
                    ),
                },
                status=503,
            )

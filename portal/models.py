from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.pages import TranslatedPageMixin
from search.fields import FirstDeclarationWins


class HomePage(TranslatedPageMixin, FirstDeclarationWins, Page):
    """The portal's home page, root of the site in both languages."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        # directory imports portal: imported here, where the page is rendered.
        from directory.markers import mapped_antennas, marker_bounds
        from places.maps import source_map_data

        context = super().get_context(request, *args, **kwargs)
        # The markers come from the (cached) GeoJSON endpoint: the page's weight
        # does not grow with the directory.
        context["map"] = source_map_data(
            reverse("api-v1:markers") + f"?lang={translation.get_language()}",
            marker_bounds(),
            label=_("Map of all the services"),
        )
        context["antenna_count"] = mapped_antennas().count()
        return context


class StandardPage(TranslatedPageMixin, FirstDeclarationWins, Page):
    """An editorial page: about the portal, privacy, accessibility statement…"""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["portal.HomePage", "portal.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Pages and contact details the header and footer of every page link to."""

    about_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("about page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)

    panels = [
        FieldPanel("about_page"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
        FieldPanel("contact_email"),
        FieldPanel("contact_phone"),
    ]

    class Meta:
        verbose_name = _("portal settings")

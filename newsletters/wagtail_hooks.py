from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from newsletters import admin_views
from newsletters.models import NewsletterIssuePage, NewsletterPage, Subscriber
from newsletters.workflow import ensure_review_workflow


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("<int:pk>/sending/", admin_views.issue_sending, name="sending"),
        path("<int:pk>/progress/", admin_views.issue_progress, name="progress"),
    ]
    return [
        path(
            "newsletters/issues/",
            include((urls, "newsletters_admin"), namespace="newsletters_admin"),
        )
    ]


def _sending_button(page, user, priority):
    if isinstance(page.specific_deferred, NewsletterIssuePage) and (
        page.permissions_for_user(user).can_publish()
    ):
        yield Button(
            _("Sending"),
            reverse("newsletters_admin:sending", args=[page.pk]),
            icon_name="mail",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def issue_header_buttons(page, user, view_name=None, next_url=None):
    yield from _sending_button(page, user, 25)


@hooks.register("register_page_listing_more_buttons")
def issue_listing_buttons(page, user, next_url=None):
    yield from _sending_button(page, user, 25)


@hooks.register("after_create_page")
def assign_review_workflow(request, page):
    """A new newsletter page goes through the "Newsletter review" workflow."""
    if isinstance(page.specific, NewsletterPage):
        ensure_review_workflow(page)


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Newsletter subscribers")
    add_to_admin_menu = True
    menu_order = 290
    list_display = ["email", "languages", "newsletter", "consent_at"]
    list_filter = ["newsletter", "languages"]
    search_fields = ["email"]
    search_backend_name = None
    ordering = ["email"]


register_snippet(SubscriberViewSet)

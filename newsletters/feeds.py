"""RSS 2.0 and Atom feeds of a newsletter's issues, in the language of the URL."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.languages import in_language
from newsletters.models import NewsletterIssuePage, NewsletterPage


class IssueRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, newsletter: NewsletterPage):
        super().__init__()
        self.newsletter = newsletter

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.newsletter

    def title(self, obj):
        return _("%(newsletter)s: latest issues") % {
            "newsletter": in_language(obj, "title")
        }

    def link(self, obj):
        return obj.get_url(self.request)

    def description(self, obj):
        return strip_tags(str(in_language(obj, "intro"))) or str(self.title(obj))

    def subtitle(self, obj):
        return self.description(obj)

    def items(self, obj):
        return obj.issues()[:20]

    def item_title(self, item: NewsletterIssuePage):
        return f"N° {item.number} · {in_language(item, 'title')}"

    def item_description(self, item: NewsletterIssuePage):
        text = strip_tags(str(in_language(item, "editorial")))
        return Truncator(" ".join(text.split())).words(60)

    def item_link(self, item: NewsletterIssuePage):
        return item.get_url(self.request)

    def item_guid(self, item: NewsletterIssuePage):
        return f"{self.request.build_absolute_uri(item.get_url(self.request))}"

    def item_pubdate(self, item: NewsletterIssuePage):
        return timezone.make_aware(datetime.combine(item.issue_date, time(8)))

    def item_updateddate(self, item: NewsletterIssuePage):
        return item.last_published_at or self.item_pubdate(item)


class IssueAtomFeed(IssueRssFeed):
    feed_type = Atom1Feed

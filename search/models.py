from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexChange(models.Model):
    """A change the search engine has not confirmed yet (the outbox).

    Every save or delete of an indexed object writes one; the worker applies it to
    the engine and marks it applied. When the engine is down the rows wait and
    are replayed once it answers again, and after a full rebuild swaps its new
    indexes in (changes made while it was reading the database are replayed).
    """

    class Action(models.TextChoices):
        UPDATE = "update", _("Add or update")
        DELETE = "delete", _("Delete")

    app_label = models.CharField(max_length=100)
    model_name = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    action = models.CharField(max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    applied_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("pending index change")
        verbose_name_plural = _("pending index changes")

    def __str__(self) -> str:
        return f"{self.action} {self.app_label}.{self.model_name}#{self.object_id}"


class QueryStat(models.Model):
    """How often a query was searched in a month, and how often it found nothing.

    Only the normalised query text is kept (no visitor, no time of day), so the
    editors' report says what people look for without saying who.
    """

    month = models.DateField(_("month"))
    language = models.CharField(_("language"), max_length=5)
    query = models.CharField(_("query"), max_length=200)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_results = models.PositiveIntegerField(_("searches without results"), default=0)
    last_count = models.PositiveIntegerField(_("results last time"), default=0)

    class Meta:
        ordering = ["-month", "-searches"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "language", "query"], name="unique_query_per_month"
            )
        ]
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")

    def __str__(self) -> str:
        return self.query

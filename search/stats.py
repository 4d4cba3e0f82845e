"""What people search for: monthly counts for the editors' report."""

from __future__ import annotations

import logging
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from search.models import QueryStat

logger = logging.getLogger(__name__)
REPORT_SIZE = 20


def month_of(day: date) -> date:
    return day.replace(day=1)


def normalised(query: str) -> str:
    return " ".join(query.casefold().split())[:200]


def record_query(query: str, language: str, count: int) -> None:
    """Count one search of ``query``; never lets a statistics error break a search."""
    text = normalised(query)
    if not text:
        return
    month = month_of(timezone.localdate())
    zero = 1 if count == 0 else 0
    try:
        with transaction.atomic():
            updated = QueryStat.objects.filter(
                month=month, language=language, query=text
            ).update(
                searches=F("searches") + 1,
                zero_results=F("zero_results") + zero,
                last_count=count,
            )
            if not updated:
                QueryStat.objects.create(
                    month=month,
                    language=language,
                    query=text,
                    searches=1,
                    zero_results=zero,
                    last_count=count,
                )
    except IntegrityError:  # created meanwhile by a concurrent search
        QueryStat.objects.filter(month=month, language=language, query=text).update(
            searches=F("searches") + 1, zero_results=F("zero_results") + zero
        )
    except Exception:
        logger.exception("Could not record a search query")


def monthly_report(month: date | None = None) -> dict:
    """The month's most frequent queries, and those that found nothing."""
    month = month_of(month or timezone.localdate())
    rows = QueryStat.objects.filter(month=month)
    return {
        "month": month,
        "frequent": list(rows.order_by("-searches", "query")[:REPORT_SIZE]),
        "zero_results": list(
            rows.filter(zero_results__gt=0).order_by("-zero_results", "query")[
                :REPORT_SIZE
            ]
        ),
        "total": sum(rows.values_list("searches", flat=True)),
    }

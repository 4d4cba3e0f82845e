"""The outbox of index changes: nothing saved is ever missing from the engine.

Wagtail's own signal handlers index a saved object in a background task and only
log a failure. Here every save and delete of an indexed model also leaves an
:class:`~search.models.IndexChange`; :func:`replay` applies the pending ones to
the engine and keeps those that fail, and the worker retries them with a
growing delay until the engine answers. :func:`search.node.detect` also asks
for a replay when it sees the engine come back, and ``update_index`` replays what
changed while it was rebuilding.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django_tasks import default_task_backend, task
from wagtail.search.backends import get_search_backend
from wagtail.search.index import class_is_indexed, get_indexed_models

from search.models import IndexChange
from search.registry import result_types

logger = logging.getLogger(__name__)

BATCH = 500
MAX_DELAY = timedelta(minutes=10)


def _dependents(instance) -> tuple[str, ...]:
    """The attributes naming the records whose documents hold ``instance``'s
    data (:attr:`search.registry.ResultType.reindexes`)."""
    for kind in result_types().values():
        if type(instance) is kind.model:
            return kind.reindexes
    return ()


def engine_configured() -> bool:
    """An engine is set up and its automatic index updates are on."""
    backends = settings.WAGTAILSEARCH_BACKENDS
    return bool(settings.SEARCH_URL) and backends["default"].get("AUTO_UPDATE", True)


def record(instance, action: str) -> None:
    """Write the change to the outbox, and replay once the transaction commits."""
    if not engine_configured():
        return
    instance = _indexed(instance)
    if instance is None:
        return
    changes = [instance]
    for attribute in _dependents(instance):
        related = getattr(instance, attribute, None)
        if related is not None and class_is_indexed(type(related)):
            changes.append(related)
    IndexChange.objects.bulk_create(
        [
            IndexChange(
                app_label=obj._meta.app_label,
                model_name=obj._meta.model_name,
                object_id=str(obj.pk),
                action=action if obj is instance else IndexChange.Action.UPDATE,
            )
            for obj in changes
        ]
    )
    transaction.on_commit(schedule_replay)


def _indexed(instance):
    if not class_is_indexed(type(instance)):
        return None
    try:
        return instance.get_indexed_instance() or instance
    except ObjectDoesNotExist:  # a page whose specific row is already gone
        return instance


def _on_save(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        record(instance, IndexChange.Action.UPDATE)


def _on_delete(sender, instance, **kwargs) -> None:
    record(instance, IndexChange.Action.DELETE)


def connect() -> None:
    for model in get_indexed_models():
        if getattr(model, "search_auto_update", True):
            post_save.connect(_on_save, sender=model, dispatch_uid=f"outbox-{model}")
            post_delete.connect(
                _on_delete, sender=model, dispatch_uid=f"outbox-del-{model}"
            )


def schedule_replay(delay: timedelta | None = None) -> None:
    """Ask the worker to replay the outbox (now, or after ``delay``)."""
    try:
        if delay and default_task_backend.supports_defer:
            replay_task.using(run_after=timezone.now() + delay).enqueue(
                int(delay.total_seconds())
            )
        elif not delay:
            replay_task.enqueue(0)
    except Exception:
        logger.exception("Could not schedule the index outbox replay")


def pending() -> int:
    return IndexChange.objects.filter(applied_at__isnull=True).count()


def replay(since: datetime | None = None) -> tuple[int, int]:
    """Apply pending changes (and, with ``since``, those applied after it again).

    Returns (applied, failed). Stops at the first failure that says the engine is
    unreachable, so a down engine costs one attempt, not one per change.
    """
    if not engine_configured():
        return 0, 0
    backend = get_search_backend("default")
    rows = IndexChange.objects.filter(applied_at__isnull=True)
    if since is not None:
        rows = IndexChange.objects.filter(created_at__gte=since) | rows
    applied = failed = 0
    seen: set[tuple] = set()
    for change in rows.order_by("-pk")[:BATCH]:  # newest first: last word wins
        key = (change.app_label, change.model_name, change.object_id)
        if key in seen:
            change.applied_at = timezone.now()
            change.save(update_fields=["applied_at"])
            continue
        seen.add(key)
        try:
            _apply(backend, change)
        except Exception as error:  # noqa: BLE001 - any client or transport error
            failed += 1
            change.attempts += 1
            change.last_error = f"{type(error).__name__}: {error}"[:2000]
            change.save(update_fields=["attempts", "last_error"])
            logger.warning("Index change %s not applied: %s", change, error)
            break
        change.applied_at = timezone.now()
        change.save(update_fields=["applied_at"])
        applied += 1
    return applied, failed


def _apply(backend, change: IndexChange) -> None:
    model = apps.get_model(change.app_label, change.model_name)
    obj = model._default_manager.filter(pk=change.object_id).first()
    if obj is not None and change.action == IndexChange.Action.UPDATE:
        indexed = obj.get_indexed_instance()
        if model.get_indexed_objects().filter(pk=obj.pk).exists():
            backend.add(indexed)
            return
    # Deleted, or no longer to be indexed: remove its document.
    backend.delete(model(pk=change.object_id))


def purge(older_than: timedelta = timedelta(days=7)) -> int:
    """Forget changes applied long ago (the rebuild replay needs only recent ones)."""
    cutoff = timezone.now() - older_than
    deleted, _ = IndexChange.objects.filter(applied_at__lt=cutoff).delete()
    return deleted


@task()
def replay_task(previous_delay: int = 0) -> int:
    """Replay the outbox; if the engine is still down, try again later."""
    applied, failed = replay()
    if failed:
        delay = min(timedelta(seconds=max(previous_delay * 2, 5)), MAX_DELAY)
        schedule_replay(delay)
    else:
        purge()
    return applied

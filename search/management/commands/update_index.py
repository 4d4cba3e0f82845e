"""``manage.py update_index``: Wagtail's full rebuild, with a progress bar and the
outbox replayed after the swap.

Each index is rebuilt beside the live one and swapped in atomically through its
alias (Wagtail's ``ATOMIC_REBUILD``, on by default), so visitors never search an
empty index. Changes saved while the rebuild read the database may be missing
from the new index: once the aliases point to it, the outbox replays every change
recorded since the rebuild started.
"""

from __future__ import annotations

import time

from django.utils import timezone
from modelsearch.management.commands.rebuild_modelsearch_index import (
    Command as WagtailUpdateIndex,
)

from search import outbox

BAR_WIDTH = 30


class Command(WagtailUpdateIndex):
    help = "Rebuild the search indexes (atomic swap), then replay recent changes."

    def handle(self, **options):
        started = timezone.now()
        super().handle(**options)
        applied, failed = outbox.replay(since=started)
        self.write(
            f"Outbox: {applied} change(s) replayed"
            + (f", {failed} still pending" if failed else "")
        )

    def update_backend(self, backend_name, schema_only=False, chunk_size=1000):
        self._backend_name = backend_name
        super().update_backend(backend_name, schema_only, chunk_size)

    def queryset_chunks(self, qs, chunk_size=1000):
        self._total = qs.count()
        self._done = 0
        self._label = f"{self._backend_name}: {qs.model._meta.label} ".ljust(35)
        yield from super().queryset_chunks(qs, chunk_size)

    def print_iter_progress(self, iterable):
        """A bar per model: ``[#######.......]    420/1000    42%   3.1 s``,
        redrawn in place on a terminal, written once when done otherwise."""
        started = time.monotonic()
        live = self.stdout.isatty()
        for chunk in iterable:
            yield chunk
            self._done = min(self._done + len(chunk), self._total)
            if live:
                self.write("\r" + self._label + self._bar(started), ending="")
                self.stdout.flush()
        if not live or not self._total:
            self.write(self._bar(started), ending="")

    def _bar(self, started: float) -> str:
        share = self._done / self._total if self._total else 1.0
        filled = int(share * BAR_WIDTH)
        return (
            f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] "
            f"{self._done:>6}/{self._total:<6} {share:4.0%} "
            f"{time.monotonic() - started:5.1f} s"
        )

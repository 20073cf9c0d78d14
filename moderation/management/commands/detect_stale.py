"""``manage.py detect_stale``: run the stale-content sweep now (see docs/knowledge-base.md)."""

import time

from django.core.management.base import BaseCommand

from moderation.scheduler import STALE_SWEEP, record_finished
from moderation.stale import run_sweep

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Detect stale articles and threads, resolve signals whose cause went away, rescore."

    def handle(self, *args, **options):
        started = time.monotonic()
        result = run_sweep(progress=self._progress)
        record_finished(STALE_SWEEP, f"done by detect_stale: {result.open_items} items to review")
        self.stdout.write("")
        for kind, counts in result.per_kind.items():
            self.stdout.write(
                f"{kind}: {counts['signals']} signals, {counts['created']} new, "
                f"{counts['updated']} updated, {counts['resolved']} resolved, "
                f"{counts['items']} items to review"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {time.monotonic() - started:.1f} s: {result.created} new, "
                f"{result.updated} updated, {result.resolved} resolved; "
                f"{result.open_items} items need review."
            )
        )

    def _progress(self, done: int, total: int, kind: str) -> None:
        filled = BAR_WIDTH * done // total
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stdout.write(f"\r[{bar}] {done}/{total} {kind:<10}", ending="")
        self.stdout.flush()

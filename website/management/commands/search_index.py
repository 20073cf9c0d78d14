"""`manage.py search_index --rebuild | --retry`: maintain the search index."""

import time

from django.core.management.base import BaseCommand, CommandError

from website.search.backends.base import SearchBackendError
from website.search.indexing import rebuild_index, retry_pending
from website.search.providers import get_providers

BAR_WIDTH = 30


class ProgressBar:
    """A one-line progress bar; without a known total it shows a running count."""

    def __init__(self, stream, total: int | None):
        self.stream, self.total, self.done = stream, total, 0

    def __call__(self, count: int) -> None:
        self.done += count
        if self.total:
            filled = min(BAR_WIDTH, BAR_WIDTH * self.done // self.total)
            bar = "#" * filled + "." * (BAR_WIDTH - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total}", ending="")
        else:
            self.stream.write(f"\r{self.done} documents", ending="")
        self.stream.flush()


class Command(BaseCommand):
    help = "Rebuild the search index from the content apps, or retry pending index updates."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--rebuild", action="store_true", help="Rebuild the whole index.")
        group.add_argument("--retry", action="store_true", help="Retry pending index updates.")

    def handle(self, *args, rebuild=False, retry=False, **options):
        started = time.monotonic()
        if retry:
            applied, pending = retry_pending()
            self.stdout.write(f"Applied {applied} pending index updates; {pending} still pending.")
            if pending:
                raise CommandError(f"{pending} index updates are still pending (see the log).")
            return
        providers = get_providers()
        if not providers:
            self.stdout.write(self.style.WARNING("No search providers are registered."))
        totals = [provider.count() for provider in providers]
        known = providers and None not in totals
        known_total = sum(totals) if known else None
        try:
            summary = rebuild_index(progress=ProgressBar(self.stdout, known_total))
        except SearchBackendError as error:
            raise CommandError(
                f"The search engine could not be reached ({error}). The database index was "
                "rebuilt; pending updates are kept. Run the rebuild again when it is back."
            ) from error
        self.stdout.write("")
        for backend, counts in summary.items():
            detail = ", ".join(f"{count} {kind}s" for kind, count in counts.items()) or "empty"
            self.stdout.write(f"{backend}: {detail}")
        seconds = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt in {seconds:.1f} s."))

"""``manage.py scheduler``: run the periodic jobs at their intervals (see docs/operations.md)."""

import signal
import threading

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone

from moderation.scheduler import jobs, run_due_jobs


class Command(BaseCommand):
    help = "Enqueue each periodic job (stale sweep, digests, ...) when it is due, until stopped."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run the jobs that are due once, then exit."
        )
        parser.add_argument(
            "--tick",
            type=float,
            default=20.0,
            help="Seconds between two looks at the due jobs (default 20).",
        )

    def handle(self, *args, once: bool, tick: float, **options):
        if once:
            if not self._pass():
                raise CommandError("A scheduled job failed (see above).")
            return
        stop = threading.Event()

        def request_stop(signum, frame):
            stop.set()

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)
        names = ", ".join(f"{job.name} every {job.every}" for job in jobs())
        self.stdout.write(f"Scheduler started: {names}.")
        while not stop.is_set():
            self._pass()
            self.stdout.flush()  # the demo's log is a file, not a terminal
            close_old_connections()
            stop.wait(tick)
        self.stdout.write("Scheduler stopped.")

    def _pass(self) -> bool:
        """Run the due jobs and print what each did; False if anything failed."""
        try:
            outcomes = run_due_jobs()
        except Exception as error:  # the database is away: say so and try again next tick
            self.stderr.write(f"{timezone.now():%Y-%m-%d %H:%M:%S} scheduler: {error}")
            return False
        for outcome in outcomes:
            style = self.style.SUCCESS if outcome.ok else self.style.ERROR
            self.stdout.write(
                style(f"{timezone.now():%Y-%m-%d %H:%M:%S} {outcome.name}: {outcome.result}")
            )
        return all(outcome.ok for outcome in outcomes)

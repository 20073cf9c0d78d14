"""``manage.py send_stale_digests``: queue the weekly digest email for every owner of stale
content (run weekly from the scheduler, see docs/operations.md)."""

from django.core.management.base import BaseCommand

from moderation.tasks import send_stale_digests


class Command(BaseCommand):
    help = "Email each owner the stale items they own (queued as a background task)."

    def handle(self, *args, **options):
        send_stale_digests.enqueue()
        self.stdout.write(self.style.SUCCESS("Stale-content digests queued."))

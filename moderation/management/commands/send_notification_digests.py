"""``manage.py send_notification_digests --period daily|weekly``: queue the digest email for
everyone whose notices wait for it (the scheduler runs both periods, see docs/notifications.md)."""

from django.core.management.base import BaseCommand

from moderation.tasks import send_daily_digests, send_weekly_digests


class Command(BaseCommand):
    help = "Email each person the notices waiting for their daily or weekly digest."

    def add_arguments(self, parser):
        parser.add_argument("--period", choices=["daily", "weekly"], default="daily")

    def handle(self, *args, **options):
        task = send_weekly_digests if options["period"] == "weekly" else send_daily_digests
        task.enqueue()
        self.stdout.write(self.style.SUCCESS(f"{options['period'].capitalize()} digests queued."))

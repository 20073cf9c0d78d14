"""Compare every promoted article with its community source and record drift signals."""

from django.core.management.base import BaseCommand

from kb import services


class Command(BaseCommand):
    help = "Record 'source changed' signals on articles whose community answer changed."

    def handle(self, *args, **options):
        drifting = services.check_all_promotions()
        self.stdout.write(f"{drifting} promoted article(s) have open source-drift signals.")

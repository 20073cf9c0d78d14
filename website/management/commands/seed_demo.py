from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail import hooks

from website.demo import COMPANY, seed_site


class Command(BaseCommand):
    help = (
        "Load the bilingual demo help center of a fictional company (development only). "
        "Safe to run again: it updates what exists and adds what is missing."
    )

    def handle(self, *args, **options):
        if not settings.DALIL_DEMO_ALLOWED:
            raise CommandError("Demo content is only for development (DALIL_DEMO_ALLOWED is off).")
        seeded = seed_site()
        self.homes = seeded["homes"]
        self.people = {key: user for key, (user, _person) in seeded["people"].items()}
        for seed_app in hooks.get_hooks("dalil_seed_demo"):
            seed_app(self)
        self.stdout.write(self.style.SUCCESS(f"Demo help center of {COMPANY} is ready."))
        self.stdout.write("Demo accounts (development only):")
        for _user, person in seeded["people"].values():
            role = "superuser" if person.superuser else person.role
            self.stdout.write(f"  {person.email:<24} {person.password:<20} {role}")

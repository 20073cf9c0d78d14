"""`manage.py generate_corpus`: fill the database with a realistic bilingual corpus (bench/)."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from bench.corpus import CorpusExists, Sizes, Writer, corpus_exists

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Generate a bilingual help-center corpus with bulk inserts (users, questions, answers, "
        "comments, votes, knowledge-base articles). Refuses to run on a database that already "
        "holds one."
    )

    def add_arguments(self, parser):
        defaults = Sizes()
        for name in ("users", "questions", "answers", "comments", "votes", "articles"):
            parser.add_argument(f"--{name}", type=int, default=getattr(defaults, name))
        parser.add_argument(
            "--small", action="store_true", help="A tiny corpus (tests and quick looks)."
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (and succeed) when the database already holds a corpus.",
        )
        parser.add_argument(
            "--no-index", action="store_true", help="Skip `search_index --rebuild` at the end."
        )

    def handle(self, *args, **options):
        if options["small"]:
            sizes = Sizes.small()
        else:
            sizes = Sizes(
                **{
                    name: options[name]
                    for name in ("users", "questions", "answers", "comments", "votes", "articles")
                }
            )
        if min(vars(sizes).values()) < 0 or sizes.users < 2:
            raise CommandError("Sizes must be positive, with at least two users.")
        if options["if_empty"] and corpus_exists():
            self.stdout.write("The database already holds a corpus; nothing to do.")
            return
        started = time.monotonic()
        try:
            counts = Writer(sizes, seed=options["seed"], progress=self._progress).run()
        except CorpusExists:
            raise CommandError(
                "This database already holds a generated corpus (users named corpus-*). "
                "Use a fresh database: generating twice would double every count."
            ) from None
        self.stdout.write("")
        written = time.monotonic() - started
        if not options["no_index"]:
            call_command("search_index", rebuild=True, stdout=self.stdout)
        total = time.monotonic() - started
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(
            self.style.SUCCESS(f"Corpus written in {written:.0f} s ({total:.0f} s with the index).")
        )
        self.stdout.write(summary)

    def _progress(self, label: str, done: int, total: int, *, final: bool) -> None:
        filled = min(BAR_WIDTH, BAR_WIDTH * done // max(total, 1))
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self.stdout.write(f"\r{label:>14} [{bar}] {done}/{total}", ending="")
        if final:
            self.stdout.write("")
        self.stdout.flush()

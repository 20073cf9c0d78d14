from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Corpus generator and load benchmark: installed in dev, test and bench settings only."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "bench"
    verbose_name = "Benchmark"

"""The scheduler: the database claim, ``manage.py scheduler --once`` and failing jobs."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks import task
from wagtail import hooks

from moderation.models import ScheduledRun
from moderation.scheduler import STALE_SWEEP, ScheduledJob, claim, jobs

pytestmark = pytest.mark.django_db


@task()
def broken_job() -> None:
    raise RuntimeError("the mail server is away")


def hourly() -> ScheduledJob:
    return ScheduledJob(name="hourly", every=timedelta(hours=1), task=broken_job)


def test_of_two_claims_for_one_due_job_only_one_wins():
    now = timezone.now()
    assert claim(hourly(), now=now) is True
    assert claim(hourly(), now=now) is False
    assert ScheduledRun.objects.get(name="hourly").last_started_at == now


def test_a_job_is_claimed_again_once_its_interval_has_passed():
    now = timezone.now()
    assert claim(hourly(), now=now)
    assert not claim(hourly(), now=now + timedelta(minutes=59))
    assert claim(hourly(), now=now + timedelta(hours=1))


def test_moderation_registers_the_sweep_and_the_digests_at_their_intervals(settings):
    settings.DALIL_SCHEDULE_STALE_SWEEP_MINUTES = 5
    every = {job.name: job.every for job in jobs()}
    assert every[STALE_SWEEP] == timedelta(minutes=5)
    assert every["stale_digests"] == timedelta(days=7)


def test_once_runs_the_due_jobs_and_a_second_run_in_the_interval_does_nothing():
    call_command("scheduler", "--once")
    sweep = ScheduledRun.objects.get(name=STALE_SWEEP)
    assert sweep.last_result.startswith("done")
    assert ScheduledRun.objects.get(name="stale_digests").last_finished_at is not None

    call_command("scheduler", "--once")
    assert ScheduledRun.objects.get(name=STALE_SWEEP).last_started_at == sweep.last_started_at


def test_a_failing_job_is_recorded_and_the_next_job_still_runs():
    with (
        hooks.register_temporarily("dalil_scheduled_jobs", lambda: [hourly()], order=-1),
        pytest.raises(CommandError),
    ):
        call_command("scheduler", "--once")
    broken = ScheduledRun.objects.get(name="hourly")
    assert broken.failed
    assert "RuntimeError" in broken.last_result
    assert ScheduledRun.objects.get(name=STALE_SWEEP).last_result.startswith("done")

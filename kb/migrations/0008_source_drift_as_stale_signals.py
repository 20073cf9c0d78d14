"""Source drift becomes stale signals: kb's own ``SourceDriftSignal`` rows move to moderation's
``StaleSignal`` (one code per reason, history kept), and each provenance learns the thread state
it was last checked against (at promotion: its answer accepted and published)."""

from django.db import migrations, models
from django.utils import timezone

CODES = {
    "answer_edited": "source_edited",
    "answer_hidden": "source_hidden",
    "answer_unaccepted": "source_unaccepted",
    "other_answer_accepted": "source_other_accepted",
}


def forwards(apps, schema_editor):
    Provenance = apps.get_model("kb", "Provenance")
    ArticlePage = apps.get_model("kb", "ArticlePage")
    SourceDriftSignal = apps.get_model("kb", "SourceDriftSignal")
    StaleSignal = apps.get_model("moderation", "StaleSignal")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Answer = apps.get_model("forum", "Answer")
    Question = apps.get_model("forum", "Question")
    if not Provenance.objects.exists() and not SourceDriftSignal.objects.exists():
        return
    article_type, _created = ContentType.objects.get_or_create(app_label="kb", model="articlepage")
    now = timezone.now()
    # The old detector copied open drift into one "source_drift" signal; its reasons now have
    # codes of their own, so the copy is resolved (the next sweep opens the reasons still true).
    StaleSignal.objects.filter(
        content_type=article_type, code="source_drift", resolved_at__isnull=True
    ).update(resolved_at=now)
    open_codes = set()
    for signal in SourceDriftSignal.objects.order_by("detected_at", "pk").iterator():
        code = CODES.get(signal.reason, "source_edited")
        is_open = signal.resolved_at is None and (signal.article_id, code) not in open_codes
        if is_open:
            open_codes.add((signal.article_id, code))
        StaleSignal.objects.create(
            content_type=article_type,
            object_id=signal.article_id,
            code=code,
            evidence={"url": signal.evidence_url},
            detected_at=signal.detected_at,
            resolved_at=None if is_open else (signal.resolved_at or now),
        )
    for provenance in Provenance.objects.iterator():
        provenance.reviewed_answer_status = "published"
        provenance.reviewed_accepted_answer_id = provenance.answer_id
        opened = list(
            SourceDriftSignal.objects.filter(
                article_id=provenance.article_id, resolved_at__isnull=True
            ).values_list("detected_at", flat=True)
        )
        reviewed = (
            ArticlePage.objects.filter(pk=provenance.article_id)
            .values_list("last_reviewed_at", flat=True)
            .first()
        )
        if opened and reviewed and max(opened) <= reviewed:
            # A review after the drift answered it (the old detector skipped such drift): the
            # thread as it is now is what staff checked.
            answer = Answer.objects.get(pk=provenance.answer_id)
            provenance.answer_version = answer.version
            provenance.reviewed_answer_status = answer.status
            provenance.reviewed_accepted_answer_id = (
                Question.objects.filter(pk=provenance.question_id)
                .values_list("accepted_answer_id", flat=True)
                .first()
            )
        provenance.save()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("forum", "0006_post_status_from_moderation"),
        ("kb", "0007_category_icon_names"),
        ("moderation", "0007_notification_kinds_from_forum"),
    ]

    operations = [
        migrations.AddField(
            model_name="provenance",
            name="reviewed_answer_status",
            field=models.CharField(
                default="published", max_length=16, verbose_name="answer status when last checked"
            ),
        ),
        migrations.AddField(
            model_name="provenance",
            name="reviewed_accepted_answer_id",
            field=models.PositiveBigIntegerField(
                blank=True, null=True, verbose_name="accepted answer when last checked"
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True),
        migrations.DeleteModel(name="SourceDriftSignal"),
    ]

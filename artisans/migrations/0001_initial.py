"""The admission event log, and its first rows written from the Artisan columns it
replaces (is_verified, verified_at, reviewed_by, declined_at, review_note), so no
answer is lost: each business gets "applied" at its creation, then its standing
answer with its curator and note. A pending business that carries an earlier
curator or note was declined and applied again; those two steps were not dated,
and are dated by the row's last change.

Runs before catalogue.0041, which drops those columns.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


NO_NOTE = "(No note was recorded.)"


def _applicant(artisan):
    return artisan.partner.users.order_by("date_joined", "pk").first()


def events_from_columns(apps, schema_editor):
    Artisan = apps.get_model("catalogue", "Artisan")
    AdmissionEvent = apps.get_model("artisans", "AdmissionEvent")
    events = []
    for artisan in Artisan.objects.select_related("partner").order_by("pk").iterator():
        applicant = _applicant(artisan)
        note = artisan.review_note

        def event(kind, from_state, to_state, at, actor, note=""):
            # No answer before the application (rows written by hand may say so).
            events.append(AdmissionEvent(
                artisan_id=artisan.pk, kind=kind, from_state=from_state, to_state=to_state,
                created_at=max(at, artisan.created_at), actor=actor, note=note))

        event("applied", "", "pending", artisan.created_at, applicant)
        if artisan.admission_state == "verified":
            event("verified", "pending", "verified", artisan.verified_at,
                  artisan.reviewed_by, note)
        elif artisan.admission_state == "declined":
            event("declined", "pending", "declined", artisan.declined_at or artisan.updated_at,
                  artisan.reviewed_by, note or NO_NOTE)
        elif artisan.reviewed_by_id or note:
            event("declined", "pending", "declined", artisan.updated_at, artisan.reviewed_by,
                  note or NO_NOTE)
            event("reapplied", "declined", "pending", artisan.updated_at, applicant)
    AdmissionEvent.objects.bulk_create(events, batch_size=500)


def columns_from_events(apps, schema_editor):
    Artisan = apps.get_model("catalogue", "Artisan")
    AdmissionEvent = apps.get_model("artisans", "AdmissionEvent")
    for artisan in Artisan.objects.order_by("pk").iterator():
        decision = (AdmissionEvent.objects.filter(artisan_id=artisan.pk,
                                                  kind__in=("verified", "declined"))
                    .order_by("-created_at", "-pk").first())
        if decision is None:
            continue
        artisan.reviewed_by_id = decision.actor_id
        artisan.review_note = "" if decision.note == NO_NOTE else decision.note
        artisan.declined_at = (decision.created_at if artisan.admission_state == "declined"
                               else None)
        artisan.save(update_fields=["reviewed_by", "review_note", "declined_at"])
    AdmissionEvent.objects.all().delete()


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('catalogue', '0040_artisan_admission_state'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]
    # The columns this migration reads are dropped by catalogue.0041; named here so
    # that catalogue's migrations need not name this higher app.
    run_before = [
        ('catalogue', '0041_artisan_admission_constraints'),
    ]

    operations = [
        migrations.CreateModel(
            name='AdmissionEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('applied', 'Applied'), ('verified', 'Verified'), ('declined', 'Declined'), ('reapplied', 'Applied again')], max_length=16, verbose_name='kind')),
                ('from_state', models.CharField(blank=True, choices=[('pending', 'Waiting for the council'), ('verified', 'Verified'), ('declined', 'Declined')], max_length=16, verbose_name='state before')),
                ('to_state', models.CharField(choices=[('pending', 'Waiting for the council'), ('verified', 'Verified'), ('declined', 'Declined')], max_length=16, verbose_name='state after')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, editable=False, verbose_name='time')),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('artisan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='admission_events', to='catalogue.artisan', verbose_name='artisan')),
            ],
            options={
                'verbose_name': 'admission event',
                'verbose_name_plural': 'admission events',
                'ordering': ['created_at', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('from_state', ''), ('kind', 'applied'), ('to_state', 'pending')), models.Q(('from_state', 'pending'), ('kind', 'verified'), ('to_state', 'verified')), models.Q(('from_state', 'pending'), ('kind', 'declined'), ('to_state', 'declined')), models.Q(('from_state', 'declined'), ('kind', 'reapplied'), ('to_state', 'pending')), _connector='OR'), name='admission_event_is_a_transition'), models.CheckConstraint(condition=models.Q(models.Q(('kind', 'declined'), _negated=True), models.Q(('note', ''), _negated=True), _connector='OR'), name='admission_decline_has_a_note'), models.UniqueConstraint(condition=models.Q(('kind', 'applied')), fields=('artisan',), name='admission_one_application_per_artisan')],
            },
        ),
        migrations.RunPython(events_from_columns, columns_from_events, elidable=False),
    ]

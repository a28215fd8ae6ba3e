"""Artisan admission becomes a state (pending, verified, declined), read from the old
booleans and timestamps. The old decision columns stay until
artisans.0001_initial has copied them into the admission event log; 0041 drops them.
"""
from django.db import migrations, models


def states_from_columns(apps, schema_editor):
    Artisan = apps.get_model("catalogue", "Artisan")
    Artisan.objects.filter(is_verified=True).update(admission_state="verified")
    Artisan.objects.filter(is_verified=False, declined_at__isnull=False).update(
        admission_state="declined")
    # A verification with no time (written outside the service) is dated by the
    # row's last change, the latest it can have happened.
    Artisan.objects.filter(is_verified=True, verified_at__isnull=True).update(
        verified_at=models.F("updated_at"))
    Artisan.objects.filter(is_verified=False).update(verified_at=None)


def columns_from_states(apps, schema_editor):
    Artisan = apps.get_model("catalogue", "Artisan")
    Artisan.objects.filter(admission_state="declined", declined_at__isnull=True).update(
        declined_at=models.F("updated_at"))


class Migration(migrations.Migration):

    dependencies = [
        ("catalogue", "0039_artisan_photo_private_until_verified"),
    ]

    operations = [
        migrations.AddField(
            model_name="artisan",
            name="admission_state",
            field=models.CharField(
                choices=[("pending", "Waiting for the council"), ("verified", "Verified"),
                         ("declined", "Declined")],
                db_index=True, default="pending", max_length=16, verbose_name="admission",
            ),
        ),
        migrations.RunPython(states_from_columns, columns_from_states, elidable=False),
    ]

# The once-only email ledger now belongs to core (core 0001); its table stays.
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("curation", "0006_evidence_revision_photos_private_storage"),
        ("core", "0001_notification_from_curation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Notification")],
            database_operations=[],
        ),
    ]

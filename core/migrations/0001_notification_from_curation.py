# The once-only email ledger moves from curation to core by state only: its table
# (curation_notification) and rows stay where they are.
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("curation", "0006_evidence_revision_photos_private_storage"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Notification",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                                   serialize=False, verbose_name="ID")),
                        ("key", models.CharField(max_length=120)),
                        ("recipient", models.EmailField(max_length=254)),
                        ("subject", models.CharField(blank=True, max_length=255)),
                        ("sent_at", models.DateTimeField(blank=True, null=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        "db_table": "curation_notification",
                        "ordering": ["created_at", "pk"],
                        "constraints": [models.UniqueConstraint(
                            fields=("key", "recipient"), name="notification_once")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]

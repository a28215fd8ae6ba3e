"""Fill the ledger from the shipment events written before it existed: moved to
0004_ledger_from_shipment_events_after_keys.

The backfill runs payouts.services.ledger_line_sync with the current models, so it
must run after every migration that changes a column it reads or writes: 0003 added
LedgerEntry.idempotency_key, which the current model selects and inserts. A database
that applied this migration when it still backfilled runs 0004 too, which writes
nothing there (the function is idempotent).
"""
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("payouts", "0001_initial"),
        ("statements", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop),
    ]

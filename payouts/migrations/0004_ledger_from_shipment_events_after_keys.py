"""Fill the ledger from the shipment events written before it existed.

Runs the very function the receiver runs (payouts.services.ledger_line_sync), with
the current models rather than historical ones, on purpose: the SALE must be priced
by statements' rate rules, and a copy of those rules frozen here could drift from
them. It is idempotent, so running it on a ledger already filled writes nothing.
Should a later migration change a field this reads, move this backfill after it (as
this one was moved from 0002 after 0003), or empty it and run
`manage.py payouts_check --sync` after migrating instead (the same function).
"""
from django.db import migrations


def backfill(apps, schema_editor):
    from fulfilment.models import LineShipmentEvent
    from payouts.services import ledger_line_sync

    line_ids = (
        LineShipmentEvent.objects.filter(kind=LineShipmentEvent.Kind.SHIPPED)
        .order_by("line_id").values_list("line_id", flat=True).distinct()
    )
    for line_id in line_ids.iterator():
        ledger_line_sync(line_id=line_id)


class Migration(migrations.Migration):

    dependencies = [
        ("payouts", "0003_ledgerentry_idempotency_key"),
        ("statements", "0001_initial"),
    ]

    operations = [
        # Nothing to undo: unapplying 0001 drops the entries.
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]

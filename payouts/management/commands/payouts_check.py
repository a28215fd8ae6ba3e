"""manage.py payouts_check [--sync]

Recomputes what every artisan should be owed from the facts (shipped lines less
commission, less refunds of shipped lines, less payouts, plus staff corrections)
and compares it with the ledger. Prints each artisan whose ledger disagrees, and
the lines whose entries are missing, and exits with status 1; prints one line and
exits 0 when the ledger balances.

With --sync it first writes the SALE and REFUND entries missing for lines with
shipment events (payouts.services.ledger_line_sync, the receiver's own function,
idempotent): for events loaded as raw fixtures, or a backfill that could not run.
"""
from django.core.management.base import BaseCommand

from django.db import transaction

from payouts.selectors import entries_missing_for_lines, ledger_discrepancies
from payouts.services import ledger_line_sync


class Command(BaseCommand):
    help = "Check that the payout ledger agrees with shipments, refunds and payouts."

    def add_arguments(self, parser):
        parser.add_argument("--sync", action="store_true",
                            help="First write the ledger entries missing for shipped lines.")

    def handle(self, *args, sync=False, **options):
        if sync:
            written = 0
            for line_id in list(entries_missing_for_lines().values_list("pk", flat=True)):
                with transaction.atomic():
                    written += len(ledger_line_sync(line_id=line_id))
            self.stdout.write(f"{written} missing ledger entries written.")
        wrong = ledger_discrepancies()
        if not wrong:
            self.stdout.write("The payout ledger balances.")
            return
        self.stdout.write(f"{len(wrong)} artisan(s) whose ledger disagrees with the facts:")
        for each in wrong:
            self.stdout.write(
                f"  artisan {each.artisan_id} {each.artisan_name!r}: ledger {each.ledger}, "
                f"expected {each.expected}, difference {each.difference:+d} rupiah"
            )
        for line in entries_missing_for_lines():
            self.stdout.write(f"  line {line.pk} of order {line.order.number}: entry missing")
        raise SystemExit(1)

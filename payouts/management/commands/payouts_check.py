"""manage.py payouts_check

Recomputes what every artisan should be owed from the facts (shipped lines less
commission, less refunds of shipped lines, less payouts, plus staff corrections)
and compares it with the ledger. Prints each artisan whose ledger disagrees, and
the lines whose entries are missing, and exits with status 1; prints one line and
exits 0 when the ledger balances.
"""
from django.core.management.base import BaseCommand

from payouts.selectors import entries_missing_for_lines, ledger_discrepancies


class Command(BaseCommand):
    help = "Check that the payout ledger agrees with shipments, refunds and payouts."

    def handle(self, *args, **options):
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

"""Two council staff record a payout of the artisan's whole balance at the same moment;
a double-clicked submit arrives twice at once.

payout_record locks the artisan's row before reading the balance, so the second
sees the first one's payout and is refused: the council never pays the same money twice.
"""
import time
import uuid

from payouts import services
from payouts.errors import PayoutsError
from payouts.models import LedgerEntry, Payout
from payouts.selectors import artisan_balance, ledger_discrepancies
from tests.concurrency import POSTGRES_RACE
from tests.concurrency import run_at_once as run_concurrently

from tests.support.ledger import jakarta, payments_staff, sale, shipment_event

pytestmark = POSTGRES_RACE


def run_at_once(*calls):
    return run_concurrently(*calls, refused=(PayoutsError,))


def owed(artisan) -> int:
    line = sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount="750000")
    shipment_event(line, "shipped", at=jakarta(2025, 1, 4))
    return 750000


def record(*, artisan, amount, user, key):
    return lambda: services.payout_record(
        artisan_id=artisan.pk, amount=amount, paid_on=jakarta(2025, 1, 31).date(),
        reference=f"TRF-{uuid.uuid4().hex[:8]}", user=user, idempotency_key=key,
    )


def test_two_staff_paying_the_whole_balance_at_once_pay_it_once(artisan, monkeypatch):
    balance = owed(artisan)
    first, second = payments_staff(), payments_staff()
    # Widen the window between reading the balance and writing the payout: without
    # the artisan's lock, both would read the full balance and both would pay it.
    read = services.artisan_balance
    monkeypatch.setattr(services, "artisan_balance",
                        lambda **kwargs: (read(**kwargs), time.sleep(0.5))[0])

    outcomes = run_at_once(
        record(artisan=artisan, amount=balance, user=first, key="form-a"),
        record(artisan=artisan, amount=balance, user=second, key="form-b"),
    )

    refused = [o for o in outcomes if isinstance(o, PayoutsError)]
    assert len(refused) == 1, outcomes
    assert type(refused[0]).__name__ == "OverBalance"
    assert Payout.objects.count() == 1
    assert LedgerEntry.objects.filter(kind="payout").count() == 1
    assert artisan_balance(artisan_id=artisan.pk) == 0
    assert ledger_discrepancies() == []


def test_a_double_click_arriving_twice_at_once_records_one_payout(artisan):
    balance = owed(artisan)
    staff = payments_staff()

    outcomes = run_at_once(*[record(artisan=artisan, amount=balance, user=staff,
                                    key="form-once")] * 2)

    assert not [o for o in outcomes if isinstance(o, PayoutsError)], outcomes
    assert outcomes[0].pk == outcomes[1].pk
    assert Payout.objects.count() == 1
    assert artisan_balance(artisan_id=artisan.pk) == 0

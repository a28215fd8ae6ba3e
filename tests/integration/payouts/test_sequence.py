"""Ships, refunds, payouts and corrections in random order for several artisans: the
ledger always balances against the facts, and each balance is what a plain model of
the rules says it should be."""
import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal

import pytest

from payouts import services
from payouts.errors import OverBalance
from payouts.models import LedgerEntry
from payouts.selectors import artisan_balance, balances, ledger_discrepancies
from tests.factories import ArtisanFactory, RegionFactory

from tests.support.ledger import jakarta, pay, payments_staff, rate, sale, shipment_event

pytestmark = pytest.mark.django_db

RATES = {"default": Decimal("10.00"), "own": Decimal("7.50")}


def owed_for(price: Decimal, percent: Decimal) -> int:
    amount = price.quantize(Decimal(1), ROUND_HALF_UP)
    commission = (amount * percent / 100).quantize(Decimal(1), ROUND_HALF_UP)
    return int(amount - commission)


@pytest.mark.parametrize("seed", [1, 7, 2025, 31337])
def test_random_ships_refunds_and_payouts_keep_the_ledger_balanced(seed):
    chance = random.Random(seed)
    rate(str(RATES["default"]), dt.date(2020, 1, 1))
    own_region = RegionFactory(name="Belitung Timur")
    rate(str(RATES["own"]), dt.date(2020, 1, 1), region=own_region)
    artisans = [ArtisanFactory(region=own_region if i % 2 else RegionFactory(name=f"Wil {i}"))
                for i in range(4)]
    staff = payments_staff()
    expected = {artisan.pk: 0 for artisan in artisans}
    # line -> its state in the model: "paid", "shipped", "given_up", "refunded"
    lines: dict = {}

    def waiting(some):
        return [line for line in some if lines[line] == "paid"]

    def shipped(some):
        return [line for line in some if lines[line] == "shipped"]

    by_partner = {artisan.partner_id: artisan for artisan in artisans}

    for step in range(80):
        action = chance.choice(["sell", "sell", "ship", "ship", "give_up", "return",
                                "deliver", "pay", "pay_too_much", "correct", "resync"])
        artisan = chance.choice(artisans)
        owed_artisans = [each for each in artisans if expected[each.pk] > 0]
        if action == "pay" and owed_artisans:
            artisan = chance.choice(owed_artisans)
        theirs = [line for line in lines if line.partner_id == artisan.partner_id]
        if action in ("ship", "give_up", "return", "deliver") and lines:
            # Any artisan's line in the right state, so the moves happen often enough
            candidates = waiting(lines) if action in ("ship", "give_up") else shipped(lines)
            if candidates:
                artisan = by_partner[chance.choice(candidates).partner_id]
                theirs = [line for line in lines if line.partner_id == artisan.partner_id]
        percent = RATES["own"] if artisan.region_id == own_region.pk else RATES["default"]
        at = jakarta(2025, 1, 1) + dt.timedelta(hours=step)
        if action == "sell":
            price = Decimal(chance.randrange(1000, 2_000_000)) + Decimal(chance.choice(
                ["0", "0.50", "0.49", "0.51"]))
            line = sale(artisan=artisan, placed_at=at, amount=price)
            lines[line] = "paid"
        elif action == "ship" and waiting(theirs):
            line = chance.choice(waiting(theirs))
            shipment_event(line, "shipped", at=at)
            lines[line] = "shipped"
            expected[artisan.pk] += owed_for(line.line_price_incl_tax, percent)
        elif action == "give_up" and waiting(theirs):
            line = chance.choice(waiting(theirs))
            shipment_event(line, "unable", at=at)
            shipment_event(line, "refunded", at=at)
            lines[line] = "given_up"
        elif action == "return" and shipped(theirs):
            line = chance.choice(shipped(theirs))
            shipment_event(line, "refunded", at=at)
            lines[line] = "refunded"
            expected[artisan.pk] -= owed_for(line.line_price_incl_tax, percent)
        elif action == "deliver" and shipped(theirs):
            shipment_event(chance.choice(shipped(theirs)),
                           "delivered", at=at)
        elif action == "pay" and expected[artisan.pk] > 0:
            amount = chance.randint(1, expected[artisan.pk])
            pay(artisan=artisan, amount=amount, user=staff)
            expected[artisan.pk] -= amount
        elif action == "pay_too_much":
            with pytest.raises(OverBalance):
                pay(artisan=artisan, amount=max(expected[artisan.pk], 0) + 1, user=staff)
        elif action == "correct":
            amount = chance.choice([-1, 1]) * chance.randint(1, 50_000)
            services.ledger_adjust(artisan_id=artisan.pk, amount=amount, note=f"Koreksi {step}",
                                   user=staff)
            expected[artisan.pk] += amount
        elif action == "resync" and lines:
            assert services.ledger_line_sync(line_id=chance.choice(list(lines)).pk) == []

        assert artisan_balance(artisan_id=artisan.pk) == expected[artisan.pk], (seed, step, action)

    # The sequence went through every kind of entry
    assert set(LedgerEntry.objects.values_list("kind", flat=True)) == set(LedgerEntry.Kind.values)
    assert ledger_discrepancies() == []
    shown = {artisan.pk: artisan.balance for artisan in balances()}
    assert {pk: shown.get(pk, 0) for pk in expected} == expected

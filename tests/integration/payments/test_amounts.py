"""Rupiah ↔ Stripe amounts: IDR is a two-decimal currency for Stripe."""
from decimal import Decimal

import pytest

from payments.amounts import idr_to_stripe_amount, stripe_amount_to_idr


@pytest.mark.parametrize("rupiah, sent", [
    (Decimal("1250000"), 125000000),
    (Decimal("1250000.00"), 125000000),
    (Decimal("25000"), 2500000),
    (Decimal("0"), 0),
    (99999999, 9999999900),
])
def test_whole_rupiah_are_sent_times_100(rupiah, sent):
    assert idr_to_stripe_amount(rupiah) == sent
    assert stripe_amount_to_idr(sent) == Decimal(rupiah)


@pytest.mark.parametrize("rupiah", [Decimal("1250000.50"), Decimal("0.01"), Decimal("-1"),
                                    Decimal("NaN"), Decimal("Infinity")])
def test_fractions_negative_and_non_finite_rupiah_are_refused(rupiah):
    with pytest.raises(ValueError):
        idr_to_stripe_amount(rupiah)


def test_floats_are_refused():
    with pytest.raises(TypeError):
        idr_to_stripe_amount(1250000.0)


@pytest.mark.parametrize("sent", [125000050, 1, -100])
def test_stripe_amounts_that_are_not_whole_rupiah_are_refused(sent):
    with pytest.raises(ValueError):
        stripe_amount_to_idr(sent)


def test_stripe_amounts_must_be_integers():
    with pytest.raises(TypeError):
        stripe_amount_to_idr(Decimal("125000000"))

"""Rupiah to Stripe's integer amounts and back.

Stripe treats IDR as a two-decimal currency: an amount is sent in "sen", rupiah × 100
(Rp 1.250.000 → 125000000), even though the rupiah has no coins below one rupiah.
The council only ever charges whole rupiah, so a fraction is refused rather than
rounded: a rounded amount would not match the order's total.
"""
from decimal import Decimal

STRIPE_CURRENCY = "idr"
SEN_PER_RUPIAH = 100


def idr_to_stripe_amount(amount: Decimal) -> int:
    """Rupiah (a Decimal of whole rupiah) → Stripe's integer amount in sen.

    Raises ValueError for a fraction of a rupiah, a negative amount or a value that is
    not finite; TypeError for a float (binary floats cannot hold money exactly).
    """
    if isinstance(amount, float) or not isinstance(amount, (Decimal, int)):
        raise TypeError("Rupiah amounts are Decimal or int, not %s." % type(amount).__name__)
    amount = Decimal(amount)
    if not amount.is_finite():
        raise ValueError("A rupiah amount must be finite.")
    if amount < 0:
        raise ValueError("A rupiah amount cannot be negative.")
    if amount != amount.to_integral_value():
        raise ValueError("Only whole rupiah can be charged, not %s." % amount)
    return int(amount) * SEN_PER_RUPIAH


def stripe_amount_to_idr(amount: int) -> Decimal:
    """Stripe's integer amount in sen → whole rupiah as a Decimal.

    Raises ValueError for an amount that is negative or not a whole number of rupiah
    (the council never charges one), TypeError if it is not an int.
    """
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError("Stripe amounts are integers, not %s." % type(amount).__name__)
    if amount < 0:
        raise ValueError("A Stripe amount cannot be negative.")
    rupiah, sen = divmod(amount, SEN_PER_RUPIAH)
    if sen:
        raise ValueError("%s sen is not a whole number of rupiah." % amount)
    return Decimal(rupiah)

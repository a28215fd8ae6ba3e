"""Shipping methods added to Oscar's; get_class falls back to Oscar's module for the rest."""
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import FixedPrice

DEFAULT_FLAT_RATE_IDR = 25000


class FlatRate(FixedPrice):
    """One price for any basket, anywhere in Indonesia (settings.FLAT_RATE_SHIPPING_IDR).

    Prices here carry no separate tax, so the charge is the same with and without it.
    """

    code = "flat-rate"
    name = _("Flat rate")

    def __init__(self):
        amount = Decimal(getattr(settings, "FLAT_RATE_SHIPPING_IDR", DEFAULT_FLAT_RATE_IDR))
        super().__init__(charge_excl_tax=amount, charge_incl_tax=amount)

"""Rupiah written one way, the Indonesian way, in both languages: Rp 1.250.000.

The pattern is settings.OSCAR_CURRENCY_FORMAT["IDR"], so what Python writes
(messages, labels) matches what Oscar's ``currency`` filter writes on the pages.
"""
from decimal import Decimal

from babel.numbers import format_currency
from django.conf import settings


def rupiah(amount: int | Decimal | str) -> str:
    """'Rp 1.250.000' (with a no-break space), '-Rp 250.000' below zero.

    Whole rupiah: a fraction is rounded half to even, as Babel does. Raises
    decimal.InvalidOperation if `amount` is not a number.
    """
    options = settings.OSCAR_CURRENCY_FORMAT["IDR"]
    return format_currency(Decimal(amount), "IDR", **options)

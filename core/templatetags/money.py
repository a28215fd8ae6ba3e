"""{% load money %} … {{ amount|rupiah }}: core.money.rupiah in a template."""
from decimal import InvalidOperation

from django import template

from core.money import rupiah as _rupiah

register = template.Library()


@register.filter
def rupiah(amount) -> str:
    """The amount as 'Rp 1.250.000'; empty for None or anything not a number, as
    Oscar's currency filter does (a template does not fail on a missing amount)."""
    try:
        return _rupiah(amount)
    except (TypeError, ValueError, InvalidOperation):
        return ""

"""{% load money %} … {{ amount|rupiah }}: core.money.rupiah in a template."""
from django import template

from core.money import rupiah as _rupiah

register = template.Library()


@register.filter
def rupiah(amount) -> str:
    """The amount as 'Rp 1.250.000'; empty for None or an empty string."""
    if amount is None or amount == "":
        return ""
    return _rupiah(amount)

"""Template filters about paying by bank transfer."""
from django import template

from payments.selectors import order_awaits_bank_transfer, user_manages_payments

register = template.Library()


@register.filter
def awaits_bank_transfer(order) -> bool:
    """`{% if order|awaits_bank_transfer %}`: the buyer still has to transfer the money."""
    return order_awaits_bank_transfer(order=order)


@register.filter
def may_mark_paid(user) -> bool:
    """`{% if request.user|may_mark_paid %}`: the user may confirm bank transfers."""
    return user_manages_payments(user=user)

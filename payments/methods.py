"""The ways a buyer can pay, as the checkout offers them.

A method records what paying by it means for a new order: the payment sources
(Oscar's payment.Source, unsaved; the checkout saves them with the order) and the
status the order starts in. Bank transfer needs no outside service; a card method
(Stripe) is added to METHODS as a second entry, with its own `take_payment`.
"""
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from oscar.apps.payment.models import Source

from payments.selectors import bank_transfer_source_type
from payments.gateway import stripe_configured
from payments.selectors import card_source_type


class PaymentMethod:
    """Base class. `code` is kept in the checkout session; `name` is shown to the buyer."""

    code: str = ""
    name = ""
    description = ""

    def is_available(self, *, request) -> bool:
        return True

    @property
    def initial_order_status(self) -> str:
        return settings.OSCAR_INITIAL_ORDER_STATUS

    def take_payment(self, *, order_number: str, total) -> list[Source]:
        """Take (or arrange) payment of `total` and return the unsaved sources to record.

        May raise Oscar's payment exceptions (RedirectRequired, UnableToTakePayment,
        PaymentError), which the checkout turns into a redirect or a message.
        """
        raise NotImplementedError


class BankTransfer(PaymentMethod):
    """The buyer transfers the exact total to the council's account after ordering.

    Nothing is debited at checkout: the whole total is allocated to a "Bank transfer"
    source whose reference is the order number, and staff mark the order paid once
    the money has arrived (services.order_mark_paid).
    """

    code = "bank-transfer"
    name = _("Bank transfer")
    description = _(
        "After you place the order we show you, and email you, the account to transfer "
        "the exact amount to. We send your order once the transfer has arrived."
    )

    def take_payment(self, *, order_number: str, total) -> list[Source]:
        return [
            Source(
                source_type=bank_transfer_source_type(),
                currency=total.currency,
                amount_allocated=total.incl_tax,
                reference=order_number,
            )
        ]


class CardPayment(PaymentMethod):
    """The buyer pays through Stripe (cards, and QRIS or GoPay where Stripe offers them)
    on the payment page shown once the order is placed (stripe_payments).

    Offered only when STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY are set. Nothing is
    debited at checkout: the total is allocated to a "Card (Stripe)" source, and
    Stripe's webhook marks the order paid (payments.card.payment_sync).
    """

    code = "card"
    name = _("Card, QRIS or e-wallet")
    description = _(
        "After you place the order you pay on a secure payment page by Stripe. "
        "We send your order once the payment is confirmed."
    )

    def is_available(self, *, request) -> bool:
        return stripe_configured()

    def take_payment(self, *, order_number: str, total) -> list[Source]:
        return [
            Source(
                source_type=card_source_type(),
                currency=total.currency,
                amount_allocated=total.incl_tax,
                reference=order_number,
            )
        ]


# Bank transfer first: the default, and the only method when Stripe is not configured.
METHODS: tuple[PaymentMethod, ...] = (BankTransfer(), CardPayment())


def available_methods(*, request) -> list[PaymentMethod]:
    """The methods this buyer can choose from now, in the order they are shown."""
    return [method for method in METHODS if method.is_available(request=request)]


def method_for_code(code: str | None, *, request) -> PaymentMethod | None:
    """The available method with this code, or None (unknown, or no longer offered)."""
    for method in available_methods(request=request):
        if method.code == code:
            return method
    return None

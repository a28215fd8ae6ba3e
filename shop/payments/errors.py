"""Errors the payment services raise; each carries a message fit for the user."""


class PaymentError(Exception):
    """Base class: the action was refused and nothing was changed."""


class PaymentNotAllowed(PaymentError):
    """The user may not take this payment action (for example: not staff)."""


class OrderNotAwaitingPayment(PaymentError):
    """The order is not waiting for a payment (already paid, cancelled, ...)."""

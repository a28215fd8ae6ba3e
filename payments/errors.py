"""Errors of payments (bank transfer and card); each carries a message fit for the user."""


class PaymentError(Exception):
    """Base class: the action was refused and nothing was changed."""


class PaymentNotAllowed(PaymentError):
    """The user may not take this payment action (for example: not staff)."""


class OrderNotAwaitingPayment(PaymentError):
    """The order is not waiting for a payment (already paid, cancelled, ...)."""


# --- cards (Stripe) ---

class StripeNotConfigured(PaymentError):
    """STRIPE_SECRET_KEY / STRIPE_PUBLISHABLE_KEY are not set: cards are not offered."""


class CardPaymentUnavailable(PaymentError):
    """Stripe could not be reached or refused the request; nothing was recorded."""


class CardPaymentRefused(PaymentError):
    """Stripe refused the request as it stands (for example: cancelling an intent
    already paid); retrying will not help."""


class OrderNotPayableByCard(PaymentError):
    """The order is not awaiting a card payment (paid, cancelled, or bank transfer)."""


class RefundRefused(PaymentError):
    """The refund asked for is not possible (nothing paid by card, or too much)."""


class RefundAlreadyRequested(RefundRefused):
    """A refund of this line is waiting for Stripe or made already (a second click)."""


class WebhookRefused(ValueError):
    """A webhook request that is not a signed, current Stripe event: answered 400 and
    nothing is stored. The message is for the log, not for a user."""


class WebhookSignatureInvalid(WebhookRefused):
    """The Stripe-Signature is missing or forged, the secret is not set, or the
    signature is dated outside the tolerance (too old, or in the future)."""


class WebhookPayloadInvalid(WebhookRefused):
    """The body is not a Stripe event: not UTF-8, not JSON, not a JSON object, or an
    object without an event's "object", "id", "type" and "data"."""

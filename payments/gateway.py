"""The council's only calls to Stripe, through the official SDK.

Every call passes the secret key explicitly (settings.STRIPE_SECRET_KEY) and returns
plain dicts, so the rules in services.py never depend on the SDK's object types.
SDK errors are turned into CardPaymentRefused (Stripe refused the request as it
stands: retrying will not help) or CardPaymentUnavailable (anything else).
"""
import json
import time

import stripe
from django.conf import settings
from django.utils.translation import gettext as _

from payments.errors import (
    CardPaymentRefused,
    CardPaymentUnavailable,
    StripeNotConfigured,
    WebhookPayloadInvalid,
    WebhookSignatureInvalid,
)

# Stripe retries a failed network call itself, with the same idempotency key.
NETWORK_RETRIES = 2
# Seconds one try may take. The SDK's own 80 s would hold a refund's order and line
# locks (and the webhooks and artisans waiting on them) for minutes when Stripe is
# slow; a call that times out is safe to repeat under the same idempotency key.
TIMEOUT_SECONDS = 10
stripe.default_http_client = stripe.new_default_http_client(timeout=TIMEOUT_SECONDS)


def stripe_configured() -> bool:
    """True when both keys are set: only then are cards offered."""
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


def _options(**extra) -> dict:
    if not settings.STRIPE_SECRET_KEY:
        raise StripeNotConfigured(_("Card payments are not available right now."))
    return {"api_key": settings.STRIPE_SECRET_KEY,
            "max_network_retries": NETWORK_RETRIES, **extra}


def _plain(obj) -> dict:
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


def _call(fn, *args, **kwargs) -> dict:
    try:
        return _plain(fn(*args, **kwargs))
    except stripe.InvalidRequestError as error:
        raise CardPaymentRefused(
            _("Stripe refused the request: %(message)s") % {"message": error.user_message}
        ) from error
    except stripe.StripeError as error:
        raise CardPaymentUnavailable(
            _("The card payment service could not be reached; please try again shortly.")
        ) from error


def payment_intent_create(*, amount: int, currency: str, order_number: str,
                          idempotency_key: str, description: str = "") -> dict:
    """Create a PaymentIntent (or get back the one created with the same key).

    Raises StripeNotConfigured, CardPaymentUnavailable.
    """
    return _call(
        stripe.PaymentIntent.create,
        amount=amount, currency=currency,
        automatic_payment_methods={"enabled": True},
        metadata={"order_number": order_number},
        description=description,
        **_options(idempotency_key=idempotency_key),
    )


def payment_intent_retrieve(payment_intent_id: str) -> dict:
    """The PaymentIntent as Stripe has it now. Raises StripeNotConfigured,
    CardPaymentUnavailable."""
    return _call(stripe.PaymentIntent.retrieve, payment_intent_id, **_options())


def payment_intent_cancel(payment_intent_id: str) -> dict:
    """Cancel a PaymentIntent that has not been paid, so it can no longer be paid.
    Raises StripeNotConfigured, CardPaymentRefused (already paid or cancelled),
    CardPaymentUnavailable."""
    return _call(stripe.PaymentIntent.cancel, payment_intent_id,
                 cancellation_reason="abandoned", **_options())


def charge_retrieve(charge_id: str) -> dict:
    """The Charge as Stripe has it now (amount_refunded). Raises StripeNotConfigured,
    CardPaymentUnavailable."""
    return _call(stripe.Charge.retrieve, charge_id, **_options())


def refund_create(*, payment_intent_id: str, amount: int, idempotency_key: str,
                  metadata: dict[str, str] | None = None,
                  reason: str = "requested_by_customer") -> dict:
    """Refund `amount` (Stripe units) of a PaymentIntent, with `metadata` (order_number,
    line_id) kept on the Refund. The same key and parameters give back the first
    refund. Raises StripeNotConfigured, CardPaymentRefused (too much, nothing paid),
    CardPaymentUnavailable."""
    return _call(
        stripe.Refund.create,
        payment_intent=payment_intent_id, amount=amount, reason=reason,
        metadata=metadata or {},
        **_options(idempotency_key=idempotency_key),
    )


def refund_list(*, charge_id: str) -> list[dict]:
    """Every Refund of the Charge as Stripe has them now (all pages). Raises
    StripeNotConfigured, CardPaymentUnavailable."""
    def fetch():
        refunds = stripe.Refund.list(charge=charge_id, limit=100, **_options())
        return {"data": [_plain(refund) for refund in refunds.auto_paging_iter()]}

    return _call(fetch)["data"]


# Seconds a webhook signature may be dated before or after now: Stripe's own default
# (stripe.Webhook.DEFAULT_TOLERANCE), which the SDK applies to old signatures only.
WEBHOOK_TOLERANCE_SECONDS = 300
# What StripeEvent can hold (event_id, type): a longer one is no Stripe event.
EVENT_ID_MAX_LENGTH = 255
EVENT_TYPE_MAX_LENGTH = 100


def event_construct(*, payload: bytes, signature: str, now: float | None = None) -> dict:
    """The webhook event, once its Stripe-Signature is checked against
    settings.STRIPE_WEBHOOK_SECRET on the raw body and found dated within
    WEBHOOK_TOLERANCE_SECONDS of `now` (the clock by default) in either direction.

    Raises WebhookSignatureInvalid when the secret is not set or the signature is
    missing, forged, too old or dated in the future; WebhookPayloadInvalid when the
    body is not UTF-8, not JSON, or not a JSON object shaped as a Stripe event (see
    `_event_check`). Both are ValueErrors.
    """
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        raise WebhookSignatureInvalid("STRIPE_WEBHOOK_SECRET is not set.")
    try:
        text = bytes(payload).decode("utf-8")
    except UnicodeDecodeError as error:
        raise WebhookPayloadInvalid("The body is not UTF-8.") from error
    try:
        # No tolerance here: the SDK would check only the past, on its own clock;
        # both directions are checked below against `now`.
        stripe.WebhookSignature.verify_header(text, signature, secret)
    except stripe.SignatureVerificationError as error:
        raise WebhookSignatureInvalid(str(error)) from error
    now = time.time() if now is None else now
    signed_at = _signature_timestamp(signature)
    if abs(now - signed_at) > WEBHOOK_TOLERANCE_SECONDS:
        raise WebhookSignatureInvalid(
            f"Signature dated {signed_at}, outside {WEBHOOK_TOLERANCE_SECONDS} s of {int(now)}.")
    try:
        event = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as error:
        raise WebhookPayloadInvalid(f"The body is not JSON: {error}") from None
    _event_check(event)
    return event


def _signature_timestamp(signature: str) -> int:
    # Read exactly as the SDK reads it (the first "t=", split on at most two "="),
    # once the SDK has checked the header: the timestamp it verified.
    items = [item.split("=", 2) for item in signature.split(",")]
    return int([item[1] for item in items if item[0] == "t"][0])


def _refuse_constant(name: str):
    # NaN and Infinity are not JSON, and PostgreSQL's jsonb refuses them.
    raise ValueError(f"{name} is not a JSON number")


def _event_check(event) -> None:
    """What the SDK's Event and StripeEvent need: a JSON object whose "object" is
    "event", with a string "id" and "type" that fit their columns and a "data"
    object holding an "object" object; no NUL character anywhere (PostgreSQL
    cannot store one). Raises WebhookPayloadInvalid."""
    if not isinstance(event, dict) or event.get("object") != "event":
        raise WebhookPayloadInvalid("The body is not a Stripe event object.")
    for key, limit in (("id", EVENT_ID_MAX_LENGTH), ("type", EVENT_TYPE_MAX_LENGTH)):
        value = event.get(key)
        if not isinstance(value, str) or not value.strip() or len(value) > limit:
            raise WebhookPayloadInvalid(f"The event has no valid {key!r}.")
    data = event.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
        raise WebhookPayloadInvalid("The event has no data object.")
    pending = [event]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str) and "\x00" in value:
            raise WebhookPayloadInvalid("The event holds a NUL character.")

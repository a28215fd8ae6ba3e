"""What payments asks of the apps above it (core.hooks), without importing them.

line_refund_confirmed(line_id, actor, reason, note)
    Stripe confirmed the card refund of an order line (card_refunds.refund_sync,
    inside its transaction, with the order row locked, after the money was recorded
    on the order). The line must now be refunded where its shipment is kept:
    fulfilment registers fulfilment.services.line_refund_confirm. `actor` is the
    staff member who asked (None for a refund made in Stripe's dashboard), `note`
    the Stripe refund's id. Required: a confirmed refund must not leave its line
    unrefunded.
"""
from core.hooks import Hook

line_refund_confirmed = Hook("payments.line_refund_confirmed", required=True)

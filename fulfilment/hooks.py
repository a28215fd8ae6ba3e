"""What fulfilment asks of the apps above it (core.hooks), without importing them.

shipment_event_recorded(event)
    A line's shipment event was just written (events.shipment_event_record, inside
    the transaction of the move that wrote it, with the order and line locked).
    payouts registers the ledger: a "shipped" event makes the artisan's SALE, a
    "refunded" one its REFUND, in the same transaction, so either both are kept or
    neither.
"""
from core.hooks import Hook

shipment_event_recorded = Hook("fulfilment.shipment_event_recorded")

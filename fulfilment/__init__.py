"""Fulfilment: artisans pack and ship their own order lines; lines they cannot ship
are refunded by the council.

Owns: each line's shipment and its append-only events (services.py, events.py),
refunds of lines by bank or card (refunds.py), deliveries, the council's pages for
lines that cannot be sent, and the buyer's "it arrived" button. When a shipment
event is written it calls hooks.shipment_event_recorded (the ledger follows it);
it answers payments.hooks.line_refund_confirmed (apps.py).

May import: core, partner, catalogue, payments.
"""

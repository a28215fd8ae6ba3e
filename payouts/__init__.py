"""Payouts: what the council owes each artisan, entry by entry, and what it paid.

Owns: the append-only ledger (models.LedgerEntry: sales, refunds, payouts,
adjustments), written when fulfilment records a shipment event (it answers
fulfilment.hooks.shipment_event_recorded, apps.py); the commission rates that
price each sale (rates.py, models.CommissionRate); payouts and corrections by
council staff; balances, CSV files and payouts_check.

May import: core, partner, catalogue, payments, fulfilment.
"""

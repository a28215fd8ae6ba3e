"""Payments: how a buyer pays, and an order's paid and cancelled transitions.

Owns: the payment methods offered at checkout (methods.py: bank transfer, the
embedded default with no outside service, and cards through Stripe when its keys
are set); the order and line statuses of payment (statuses.py); an order becoming
paid or cancelled (services.py: the council confirms a bank transfer; card.py:
Stripe's webhook confirms a card payment; unpaid orders expire); card refunds
(card_refunds.py); the Stripe SDK behind one gateway (gateway.py); the emails
about them (tasks.py, artisan_emails.py).

May import: core, partner, catalogue. Imported by fulfilment, payouts,
statements, artisans, checkout and the project. The app's label stays
"stripe_payments": its tables and migration history were made under it.

Hooks for the apps above (hooks.py) say what they must do when a card refund of
a line is confirmed, without payments importing them.
"""

"""Payment glue: the methods a buyer can pay by, and the rules around paying an order.

Bank transfer is the embedded default (no outside service). A card method (Stripe)
is added as a second entry in `methods.METHODS`.
"""

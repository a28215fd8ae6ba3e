"""Oscar's checkout app, forked: choosing how to pay, the bank transfer's
instructions, and signing in with the security backends on the way.

May import: core, partner, catalogue, shipping, payments.
"""

default_app_config = 'checkout.apps.CheckoutConfig'

"""Imported by a test's worker (`--include`): its Stripe SDK talks to the test's fake Stripe.

The production settings have no Stripe API address to set; the test process points
the SDK at its fake (stripe.api_base), and this does the same in the worker.
"""
import os

import stripe

if os.environ.get("TEST_FAKE_STRIPE_URL"):
    stripe.api_base = os.environ["TEST_FAKE_STRIPE_URL"]

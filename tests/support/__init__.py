"""What the tests share, in one place: builders of known data (ledger, checkout, search
catalogue, Stripe) and the fixtures several folders use.

Plain helpers are imported from these modules. Fixtures defined here are made
available to every test by tests/conftest.py (`pytest_plugins`), so no test imports a
fixture from another test's module or conftest.
"""

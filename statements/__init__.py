"""Statements: each artisan's month of the payout ledger, and the council's summary.

Owns: the monthly statements and their CSV files (selectors.py, csv_export.py),
statements_export, and the council's statement and commission rate pages (the
rates themselves are payouts').

May import: core, catalogue, payouts.
"""

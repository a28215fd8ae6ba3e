"""Errors the payouts services raise; each carries a message fit for the user."""


class PayoutsError(Exception):
    """Base class: the action was refused and nothing was changed."""


class NotAllowed(PayoutsError):
    """Only council staff who manage payments record payouts and corrections."""


class InvalidPayout(PayoutsError):
    """The payout's amount, date or reference cannot be recorded."""


class OverBalance(InvalidPayout):
    """The payout is more than the artisan is owed."""


class DuplicateReference(InvalidPayout):
    """The artisan already has a payout with this bank reference."""


class InvalidAdjustment(PayoutsError):
    """A correction needs a non-zero amount and a note."""

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


class RateError(PayoutsError):
    """A commission rate the council asked for cannot be set or taken back."""


class RateInClosedMonth(RateError):
    """The rate would change a month that has already ended."""


class RateOutOfRange(RateError):
    """A commission is a percentage from 0 to 100."""


class RateDayTaken(RateError):
    """The same region (or the default) already has a rate starting that day."""


class RateUsedBySales(RateError):
    """Lines already shipped were priced with the rates as they stand: the ledger keeps them."""

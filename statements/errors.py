"""Errors the statements services raise; each carries a message fit for the user."""


class StatementsError(Exception):
    """Base class: the action was refused and nothing was changed."""


class NotAllowed(StatementsError):
    """Only the council's staff set commission rates."""


class RateInClosedMonth(StatementsError):
    """The rate would change a month that has already ended."""


class RateOutOfRange(StatementsError):
    """A commission is a percentage from 0 to 100."""


class RateDayTaken(StatementsError):
    """The same region (or the default) already has a rate starting that day."""


class RateUsedBySales(StatementsError):
    """Lines already shipped were priced with the rates as they stand: the ledger keeps them."""

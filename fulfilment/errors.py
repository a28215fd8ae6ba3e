"""Errors the fulfilment services raise; each carries a message fit for the user."""


class FulfilmentError(Exception):
    """Base class: the action was refused and nothing was changed."""


class NotAllowed(FulfilmentError):
    """The user may not act on this line (not its artisan, not council staff)."""


class NotPaid(FulfilmentError):
    """The line's order is not paid (or was cancelled): nothing may be sent."""


class InvalidTransition(FulfilmentError):
    """The line is not in a state this action starts from (often: it was done already)."""


class InvalidShipment(FulfilmentError):
    """The courier or tracking number given cannot be recorded."""


class InvalidRefund(FulfilmentError):
    """The refund cannot be made as asked (a line sent refunded without a reason...)."""

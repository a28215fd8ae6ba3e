"""Errors the curation services raise; each carries a message fit for the user."""


class CurationError(Exception):
    """Base class: the action was refused and nothing was changed."""


class NotAllowed(CurationError):
    """The user may not take this action on this product."""


class InvalidTransition(CurationError):
    """The product is not in a state this action starts from (often: someone acted first)."""

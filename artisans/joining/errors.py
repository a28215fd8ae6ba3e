"""Errors the joining services raise; each carries a message fit for the user."""


class JoiningError(Exception):
    """Base class: the write was refused and nothing was changed."""


class NotAllowed(JoiningError):
    """The user may not do this to this business (not its curator, not one of its logins)."""


class AlreadyDecided(JoiningError):
    """The application is not pending any more (often: another curator answered first)."""


class InvalidApplication(JoiningError):
    """A value the business cannot have: a malformed NIB, an unknown craft, a refused photo."""


class AccountTaken(JoiningError):
    """The email already has an account, or the login already belongs to a business."""


class LoginRule(JoiningError):
    """A login change the rules forbid: removing the last login, or oneself."""


class ProfileLocked(JoiningError):
    """Name, region or NIB of a verified business: only the council changes those."""

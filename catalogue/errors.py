"""Errors the catalogue services raise; each carries a message fit for the user."""


class CatalogueError(Exception):
    """Base class: the write was refused and nothing was changed."""


class NotOwner(CatalogueError):
    """The user is not one of the logins of the artisan who owns the product."""


class ContentLocked(CatalogueError):
    """The product's content cannot be edited in its current curation state."""


class InvalidPhoto(CatalogueError):
    """An uploaded file is not an acceptable product photo."""


class InvalidValue(CatalogueError):
    """A price, stock level or attribute value that the catalogue cannot take."""


class PhotoNotStored(InvalidPhoto):
    """The photo was fine but storage refused it (full, read-only, unreachable).

    An InvalidPhoto, so every form that takes photos shows it at the photo field and
    keeps what was typed; nothing of the attempt is left behind.
    """

from django.core.exceptions import PermissionDenied


class FormTokenUsedElsewhere(PermissionDenied):
    """The token was spent by another login: nobody else's form is replayed (a 403)."""

"""Append-only rows: audit events and ledgers are written once and never changed.

core has no concrete models and no migrations; AppendOnlyModel is abstract.
"""
from django.db import models


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a row of an append-only model
    (a curation or shipment event, a ledger entry, a payout)."""


class AppendOnlyModel(models.Model):
    """A row that may be created, never saved again or deleted.

    save() of a stored row and delete() raise AppendOnlyError (a queryset's
    update() and delete() do not pass through here).
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows are append-only.")

"""The ground floor's rows: the append-only guard every audit event and ledger uses,
and the once-only email ledger (`Notification`, see core.notifications).
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


class Notification(models.Model):
    """One message to one recipient, sent at most once.

    `key` names what the message is about ("event:42", "reminder:2026-11-23:region:3",
    "escalation:submission:7"); the unique pair makes a retried or replayed task
    send nothing twice.
    """

    key = models.CharField(max_length=120)
    recipient = models.EmailField()
    subject = models.CharField(max_length=255, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Kept from when the ledger lived in curation (moved by state only).
        db_table = "curation_notification"
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["key", "recipient"], name="notification_once"),
        ]

    def __str__(self) -> str:
        return f"{self.key} → {self.recipient}"

"""The outbox: one row per side effect promised by a committed change.

A service writes the row in the transaction that makes the change (outbox.services.
outbox_enqueue); the relay hands it to Celery after commit and marks it sent only
once the broker (or, in the embedded default, the in-process run) has taken it.
Until then it waits, with its attempts, next try and last error, for the next relay.
"""
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxState(models.TextChoices):
    PENDING = "pending", _("waiting to be delivered")
    SENT = "sent", _("delivered to the task queue")
    PARKED = "parked", _("parked after repeated failures")


class OutboxMessage(models.Model):
    # A task's registered name (not its module path as imported) and keyword arguments
    # as JSON: no pickles, and a row written before a deploy is read after it.
    task_name = models.CharField(_("task"), max_length=200)
    kwargs = models.JSONField(_("arguments"), default=dict, encoder=DjangoJSONEncoder)
    # The same promise made twice (a replayed webhook, say) is one row.
    dedupe_key = models.CharField(_("key"), max_length=200, null=True, blank=True, unique=True)
    state = models.CharField(_("state"), max_length=8, choices=OutboxState.choices,
                             default=OutboxState.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["next_attempt_at"], condition=Q(state="pending"),
                         name="outbox_pending_due"),
            models.Index(fields=["state", "task_name"], name="outbox_state_task"),
        ]

    def __str__(self) -> str:
        return f"{self.task_name} {self.kwargs} ({self.state})"

from django.conf import settings
from django.db import models


class UsedFormToken(models.Model):
    """A form's one-time token, spent by the first submit that created something with it.

    Written by the transaction that creates the thing (claimed first, its id recorded
    before commit) and never changed afterwards: outside that transaction a row
    always names what was created.
    """

    # What the form creates, e.g. "catalogue.product": a token is one-time per kind.
    kind = models.CharField(max_length=64)
    token = models.CharField(max_length=64)
    # Who sent it (None: a visitor not signed in, e.g. the join form).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "token"], name="form_token_used_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.token} → {self.object_id}"

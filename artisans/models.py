"""The append-only record of artisan admission: every step of every application.

The business's current standing is catalogue.Artisan.admission_state; this log is
how it got there: who applied, who verified or declined with what note, and each
reapplication, kept for good across any number of rounds.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import AdmissionState
from core.models import AppendOnlyModel

#: The moves of admission, by event kind: (from_state, to_state). "applied" starts
#: the record; the database refuses any other combination.
TRANSITIONS = {
    "applied": ("", AdmissionState.PENDING),
    "verified": (AdmissionState.PENDING, AdmissionState.VERIFIED),
    "declined": (AdmissionState.PENDING, AdmissionState.DECLINED),
    "reapplied": (AdmissionState.DECLINED, AdmissionState.PENDING),
}


class AdmissionEvent(AppendOnlyModel):
    """One step of a business's application to join. Written once, never changed."""

    class Kind(models.TextChoices):
        APPLIED = "applied", _("Applied")
        VERIFIED = "verified", _("Verified")
        DECLINED = "declined", _("Declined")
        REAPPLIED = "reapplied", _("Applied again")

    artisan = models.ForeignKey(
        "catalogue.Artisan", on_delete=models.CASCADE, related_name="admission_events",
        verbose_name=_("artisan"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    # Who acted: a login of the business (applied, reapplied) or a curator (verified,
    # declined). Empty only for steps migrated from before this log, whose curator's
    # account was gone.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("by"),
    )
    from_state = models.CharField(_("state before"), max_length=16, choices=AdmissionState.choices,
                                  blank=True)
    to_state = models.CharField(_("state after"), max_length=16, choices=AdmissionState.choices)
    note = models.TextField(_("note"), blank=True)
    # A default rather than auto_now_add, so that the migration from the old
    # columns could date each step when it happened.
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True,
                                      editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("admission event")
        verbose_name_plural = _("admission events")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="applied", from_state="", to_state=AdmissionState.PENDING)
                    | Q(kind="verified", from_state=AdmissionState.PENDING,
                        to_state=AdmissionState.VERIFIED)
                    | Q(kind="declined", from_state=AdmissionState.PENDING,
                        to_state=AdmissionState.DECLINED)
                    | Q(kind="reapplied", from_state=AdmissionState.DECLINED,
                        to_state=AdmissionState.PENDING)
                ),
                name="admission_event_is_a_transition",
            ),
            # The business reads why it was declined.
            models.CheckConstraint(
                condition=~Q(kind="declined") | ~Q(note=""),
                name="admission_decline_has_a_note",
            ),
            models.UniqueConstraint(
                fields=["artisan"], condition=Q(kind="applied"),
                name="admission_one_application_per_artisan",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.artisan_id}: {self.from_state or '—'} → {self.to_state}"

"""Writing admission events: each step of an application, appended to its history."""
from datetime import datetime

from django.utils import timezone

from artisans.models import AdmissionEvent


def admission_event_record(*, artisan, kind: str, actor, from_state: str, to_state: str,
                           note: str = "", at: datetime | None = None) -> AdmissionEvent:
    """Append one step to the business's admission history.

    `at` dates the step (now by default); the services pass the moment they also
    write on the artisan row, so both say the same time. Raises IntegrityError for a
    move the log does not know (artisans.models.TRANSITIONS), a decline with no note,
    or a second "applied" for one business.
    """
    return AdmissionEvent.objects.create(
        artisan=artisan, kind=kind, actor=actor, from_state=from_state, to_state=to_state,
        note=note, created_at=at or timezone.now(),
    )

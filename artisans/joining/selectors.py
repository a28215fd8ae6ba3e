"""Reads of joining that encode who may see what, and the admission history."""
from datetime import datetime

from django.db.models import Case, IntegerField, QuerySet, Value, When

from artisans.models import AdmissionEvent
from catalogue.models import AdmissionState, Artisan
from curation.selectors import regions_curated_by

#: The filters of the curators' list, by Artisan.admission_state.
STATUSES = tuple(AdmissionState.values)
#: The events that are the council's answer to an application.
DECISIONS = (AdmissionEvent.Kind.VERIFIED, AdmissionEvent.Kind.DECLINED)


def applications_for_curator(*, user, status: str = "") -> QuerySet[Artisan]:
    """The businesses of the regions `user` curates: pending first, oldest first.

    `status` ("pending", "verified", "declined") narrows the list; anything else
    leaves it whole. Another region's business is never in it: views look
    applications up here, so it is a 404.
    """
    applications = (
        Artisan.objects.filter(region__in=regions_curated_by(user=user))
        .select_related("region")
        .annotate(pending_first=Case(
            When(admission_state=AdmissionState.PENDING, then=Value(0)),
            default=Value(1), output_field=IntegerField(),
        ))
        .order_by("pending_first", "created_at", "pk")
    )
    if status in STATUSES:
        applications = applications.filter(admission_state=status)
    return applications


def admission_history(*, artisan: Artisan) -> QuerySet[AdmissionEvent]:
    """Every step of the business's application, oldest first, with who took it."""
    return artisan.admission_events.select_related("actor").order_by("created_at", "pk")


def admission_latest_decision(*, artisan: Artisan) -> AdmissionEvent | None:
    """The council's latest answer (verified or declined) with its curator and note, or
    None while the business has never been answered.

    After a reapplication this is the decline the business answered, which the
    business and the curators read again.
    """
    return (artisan.admission_events.filter(kind__in=DECISIONS).select_related("actor")
            .order_by("-created_at", "-pk").first())


def admission_decision_at(*, artisan_id: int, kind: str, at: datetime) -> AdmissionEvent | None:
    """The answer of `kind` given to the business at the moment `at`, if there is one."""
    return AdmissionEvent.objects.filter(artisan_id=artisan_id, kind=kind,
                                         created_at=at).order_by("pk").first()


def logins_of_artisan(*, artisan: Artisan):
    """The business's logins, oldest first."""
    return artisan.partner.users.order_by("date_joined", "pk")

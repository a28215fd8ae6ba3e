"""Reads of joining that encode who may see what."""
from django.db.models import Case, IntegerField, QuerySet, Value, When

from catalogue.models import Artisan
from curation.selectors import regions_curated_by

#: The filters of the curators' list, by Artisan.application_status.
STATUSES = ("pending", "verified", "declined")


def applications_for_curator(*, user, status: str = "") -> QuerySet[Artisan]:
    """The businesses of the regions `user` curates: pending first, oldest first.

    `status` ("pending", "verified", "declined") narrows the list; anything else
    leaves it whole. Another region's business is never in it: views look
    applications up here, so it is a 404.
    """
    applications = (
        Artisan.objects.filter(region__in=regions_curated_by(user=user))
        .select_related("region", "reviewed_by")
        .annotate(pending_first=Case(
            When(is_verified=False, declined_at__isnull=True, then=Value(0)),
            default=Value(1), output_field=IntegerField(),
        ))
        .order_by("pending_first", "created_at", "pk")
    )
    if status == "pending":
        applications = applications.filter(is_verified=False, declined_at__isnull=True)
    elif status == "verified":
        applications = applications.filter(is_verified=True)
    elif status == "declined":
        applications = applications.filter(is_verified=False, declined_at__isnull=False)
    return applications


def logins_of_artisan(*, artisan: Artisan):
    """The business's logins, oldest first."""
    return artisan.partner.users.order_by("date_joined", "pk")

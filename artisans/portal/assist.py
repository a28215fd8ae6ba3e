"""Assisted upload: council staff working in the artisan area for an artisan.

Many artisans are not at ease online, and council staff help them. A curator
starts helping a verified artisan of a region they curate from the curation area;
the artisan's id is kept in the session and checked again on every request
(a curator who stops serving the region, or a business no longer verified, ends
it). What the curator writes goes through the same services, which record on
each event that they acted for the artisan; another curator must judge it.
"""
from catalogue.models import Artisan
from curation.selectors import regions_curated_by

SESSION_KEY = "assisted_artisan_id"


def assistable_artisans(*, user):
    """The businesses this user may work for: verified artisans of the regions they curate."""
    return Artisan.objects.filter(is_verified=True, region__in=regions_curated_by(user=user))


def assisted_artisan(request) -> Artisan | None:
    """The artisan this session works for, if the user may still do so."""
    artisan_id = request.session.get(SESSION_KEY)
    if not artisan_id:
        return None
    return (
        assistable_artisans(user=request.user)
        .select_related("region", "partner")
        .filter(pk=artisan_id)
        .first()
    )


def assistance_start(request, *, artisan: Artisan) -> None:
    """Work for this artisan from now on (the caller has checked it is assistable)."""
    request.session[SESSION_KEY] = artisan.pk


def assistance_stop(request) -> None:
    request.session.pop(SESSION_KEY, None)

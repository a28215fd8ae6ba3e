"""Emails that follow curation events, sent by Celery after the transaction commits."""
from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from curation.models import CurationEvent


def _recipients(event: CurationEvent) -> list[str]:
    artisan = event.product.artisan
    if event.kind == CurationEvent.Kind.SUBMITTED:
        users = [c.user for c in artisan.region.curators.select_related("user")]
    else:
        users = list(artisan.partner.users.all())
    return sorted({u.email for u in users if u.email})


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def curation_event_notify(self, *, event_id: int) -> int:
    """Email the people an event concerns; returns how many messages went out."""
    event = CurationEvent.objects.select_related(
        "product__artisan__region", "actor"
    ).get(pk=event_id)
    recipients = _recipients(event)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {"event": event, "product": event.product}
        subject = render_to_string("curation/email/event_subject.txt", context).strip()
        body = render_to_string("curation/email/event_body.txt", context)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


@shared_task
def claims_release_lapsed_task() -> int:
    """Beat: return lapsed claims to the queue (see CURATION_CLAIM_HOURS)."""
    from curation.services import claims_release_lapsed

    return claims_release_lapsed()

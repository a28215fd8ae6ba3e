"""Emails sent at most once per recipient: the ledger every app's emails go through.

Every message goes through `notification_send`, which keeps one `Notification` row
per (key, recipient): a task that is retried, or run twice, finds the row already
sent and sends nothing. The key names what the message is about; each app chooses
its own ("event:<id>" for curation, "shipment-event:<id>" for fulfilment, ...).

Also here: rendering an email's subject and plain-text body from templates in a
language, absolute links for emails, and the Celery retry policy for the tasks that
send them (`RETRY_ON_SEND_ERRORS`).
"""
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone, translation

from core.models import Notification

logger = logging.getLogger(__name__)

# What a mail server that is down, slow or refusing raises; the tasks retry on these.
# (SMTPException and ConnectionError are OSErrors; named for the reader.)
SEND_ERRORS = (smtplib.SMTPException, ConnectionError, OSError)

# The Celery options of a task that sends email: a mail server that is down is
# retried after about 1, 2, 4, 8 and 16 minutes (jittered). Recipients already sent
# are skipped on retry (the ledger).
RETRY_ON_SEND_ERRORS = {
    "autoretry_for": SEND_ERRORS, "retry_backoff": 60, "retry_backoff_max": 30 * 60,
    "retry_jitter": True, "max_retries": 5,
}


@dataclass(frozen=True)
class Message:
    recipient: str
    subject: str
    body: str


def notification_send(*, key: str, recipient: str, subject: str, body: str) -> bool:
    """Email `recipient` about `key` unless the ledger says it went out already.
    `subject` and `body` are plain text (see `email_render`); the subject is sent on
    one line.

    Returns True when the message was sent now, False when it had been sent before.
    Raises what the email backend raises (SEND_ERRORS): the row then stays unsent,
    so a retry sends it.
    """
    subject = email_subject_line(subject)
    with transaction.atomic():
        Notification.objects.get_or_create(
            key=key, recipient=recipient, defaults={"subject": subject[:255]}
        )
        # Sent while holding the row: a second worker with the same message waits
        # here, then finds it sent.
        notification = Notification.objects.select_for_update().get(
            key=key, recipient=recipient
        )
        if notification.sent_at is not None:
            return False
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient]).send()
        notification.subject = subject[:255]
        notification.sent_at = timezone.now()
        notification.save(update_fields=["subject", "sent_at"])
    return True


def messages_send(*, key: str, messages: list[Message]) -> tuple[int, Exception | None]:
    """Send every message; one refused address does not hold back the others.

    Returns how many went out now and the first error, for the caller to raise once
    the rest are sent (the task's retry then sends only what is missing).
    """
    sent, failure = 0, None
    for message in messages:
        try:
            sent += notification_send(
                key=key, recipient=message.recipient, subject=message.subject,
                body=message.body,
            )
        except SEND_ERRORS as exc:
            logger.warning("Email %s to %s failed: %r", key, message.recipient, exc)
            failure = failure or exc
    return sent, failure


def absolute_url(path: str) -> str:
    """The full address of a page of the shop, for emails (the Site's domain)."""
    domain = Site.objects.get_current().domain
    return f"{settings.OSCAR_URL_SCHEMA}://{domain}{path}"


def email_render(template_prefix: str, context: dict, *, language: str) -> tuple[str, str]:
    """The subject and plain-text body of an email, rendered in `language` from
    `<template_prefix>_subject.txt` and `<template_prefix>_body.txt`, with the shop's
    name in the context as `shop_name`.

    Both are plain text, not HTML, so they are rendered with autoescaping off: a
    product called `Batik "Sekar" <Jati> & Co` reads as it is, not as
    `&quot;Sekar&quot; &lt;Jati&gt; &amp; Co`. The subject is made one line
    (`email_subject_line`). An HTML body is not rendered here: it keeps Django's
    escaping. Raises TemplateDoesNotExist.
    """
    context = {"shop_name": settings.OSCAR_SHOP_NAME, **context}
    with translation.override(language):
        subject = text_render(f"{template_prefix}_subject.txt", context)
        body = text_render(f"{template_prefix}_body.txt", context)
    return email_subject_line(subject), body


def text_render(template_name: str, context: dict) -> str:
    """A Django template rendered as plain text: autoescaping off (in the templates it
    includes too). Raises TemplateDoesNotExist."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def email_subject_line(subject: str) -> str:
    """The subject on one line, its runs of spaces and newlines made one space: Django
    refuses a header with a newline (BadHeaderError)."""
    return " ".join(subject.split())


def emails_unique(emails) -> list[str]:
    seen, unique = set(), []
    for email in emails:
        email = (email or "").strip()
        if email and email.lower() not in seen:
            seen.add(email.lower())
            unique.append(email)
    return unique

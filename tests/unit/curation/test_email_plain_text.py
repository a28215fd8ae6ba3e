"""Emails are plain text: a product, a business or a note with quotes, angle brackets
and ampersands reads as it was typed, in the subject and in the body, and a subject
is one line. (Rendered with Django's HTML autoescaping they read &quot;, &lt;, &amp;.)
"""
from datetime import datetime, timedelta, timezone as dt_timezone

import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.utils import timezone

from artisans.joining.notifications import artisan_application_notifications_send
from core.notifications import email_render, notification_send
from curation import notifications, services
from core.models import Notification
from curation.models import Submission
from tests.factories import ArtisanFactory, CuratorFactory, PartnerFactory, ProductFactory

pytestmark = pytest.mark.django_db

TITLE = 'Batik "Sekar" <Jati> & Co'
NOTE = "Warna 'soga' <pudar> & luntur"
ESCAPED = ("&quot;", "&#x27;", "&#39;", "&lt;", "&gt;", "&amp;")


@pytest.fixture(autouse=True)
def site():
    Site.objects.update_or_create(pk=1, defaults={"domain": "pasarkriya.test"})
    Site.objects.clear_cache()


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def product(artisan):
    return ProductFactory(artisan=artisan, title=TITLE)


def plain(text: str) -> bool:
    return not any(entity in text for entity in ESCAPED)


def only(recipient: str):
    [message] = [m for m in mail.outbox if m.to == [recipient]]
    return message


def test_the_curators_email_of_a_submission_reads_the_title_as_typed(
        product, artisan_user, curator, after_commit):
    with after_commit():
        services.submission_submit(product_id=product.pk, user=artisan_user)

    message = only(curator.user.email)
    assert TITLE in message.subject and TITLE in message.body
    assert plain(message.subject) and plain(message.body)
    assert not getattr(message, "alternatives", [])  # plain text only: nothing to escape
    # The ledger keeps the subject as sent.
    assert Notification.objects.get(recipient=curator.user.email).subject == message.subject


@pytest.mark.parametrize("decide", ["submission_request_changes", "submission_reject"])
def test_the_artisans_decision_email_reads_the_title_and_the_note_as_typed(
        product, artisan_user, curator, after_commit, decide):
    services.submission_submit(product_id=product.pk, user=artisan_user)
    services.submission_claim(product_id=product.pk, user=curator.user)
    mail.outbox.clear()

    with after_commit():
        getattr(services, decide)(product_id=product.pk, user=curator.user, note=NOTE)

    message = only(artisan_user.email)
    assert TITLE in message.subject and plain(message.subject)
    assert TITLE in message.body and NOTE in message.body and plain(message.body)


def test_the_taken_over_curators_email_reads_the_title_and_the_note_as_typed(
        product, artisan_user, curator, region, after_commit):
    services.submission_submit(product_id=product.pk, user=artisan_user)
    services.submission_claim(product_id=product.pk, user=curator.user)
    colleague = CuratorFactory(regions=[region])
    mail.outbox.clear()

    with after_commit():
        services.submission_take_over(product_id=product.pk, user=colleague.user, note=NOTE)

    message = only(curator.user.email)
    assert TITLE in message.subject and plain(message.subject)
    assert TITLE in message.body and NOTE in message.body and plain(message.body)


def test_the_reminder_and_the_escalation_read_the_title_as_typed(
        product, artisan_user, region, curator):
    lead = CuratorFactory(regions=[region], is_lead=True)
    now = datetime(2026, 11, 23, 20, 0, tzinfo=dt_timezone.utc)
    services.submission_submit(product_id=product.pk, user=artisan_user)
    Submission.objects.filter(product=product).update(
        submitted_at=now - timedelta(days=30), due_at=now - timedelta(days=25))
    mail.outbox.clear()

    notifications.curation_overdue_remind(now=now)
    notifications.curation_overdue_escalate(now=now)

    reminder = only(curator.user.email)
    escalation, = [m for m in mail.outbox if m.to == [lead.user.email]
                   and m.subject != reminder.subject]
    assert TITLE in reminder.body and plain(reminder.body) and plain(reminder.subject)
    assert TITLE in escalation.subject and plain(escalation.subject)
    assert TITLE in escalation.body and plain(escalation.body)


def test_the_curators_email_of_an_application_reads_the_business_name_as_typed(
        region, curator):
    artisan = ArtisanFactory(region=region, partner=PartnerFactory(name=TITLE), name=TITLE,
                             is_verified=False)

    artisan_application_notifications_send(artisan_id=artisan.pk, stamp="1")

    message = only(curator.user.email)
    assert TITLE in message.subject and plain(message.subject)
    assert TITLE in message.body and plain(message.body)


def test_a_subject_given_to_the_ledger_on_several_lines_is_sent_on_one():
    sent = notification_send(
        key="test:subject", recipient="kurator@example.id",
        subject=f"[Pasar Kriya]\n  {TITLE}\r\n", body=f"{TITLE}\n")

    assert sent is True
    [message] = mail.outbox
    assert message.subject == f"[Pasar Kriya] {TITLE}" and message.body == f"{TITLE}\n"
    assert Notification.objects.get().subject == message.subject


def test_email_render_escapes_nothing_and_keeps_the_body_lines(settings):
    subject, body = email_render(
        "curation/email/taken_over", {
            "product": ProductFactory.build(title=TITLE), "artisan": None,
            "event": {"note": NOTE}, "by": "Sri & Tono", "url": "https://x.test/?a=1&b=2",
        }, language="en")

    assert "\n" not in subject and TITLE in subject
    assert NOTE in body and "Sri & Tono" in body and "https://x.test/?a=1&b=2" in body
    assert body.count("\n") > 2 and plain(subject) and plain(body)

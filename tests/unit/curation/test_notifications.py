"""Curation emails: who hears of what, in which language, and never twice.

Events are driven through curation.services; the emails run after commit (eager
Celery, locmem email). A flaky email backend stands in for a mail server that is down.
"""
import smtplib
from datetime import datetime, timedelta, timezone as dt_timezone

import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from core.notifications import notification_send
from curation import events, notifications, services
from core.models import Notification
from curation.models import CurationEvent, ProductRevision, Submission
from catalogue.states import CurationState
from curation.tasks import curation_event_notify
from shop.celery import app as celery_app
from tests.factories import (
    ArtisanFactory, CuratorFactory, ProductFactory, UserFactory, published_product,
)

pytestmark = pytest.mark.django_db

FLAKY = "tests.unit.curation.test_notifications.FlakyBackend"


class FlakyBackend(EmailBackend):
    """The mail server: refuses the sends numbered in `failing` (1-based), delivers the rest."""

    failing: set[int] = set()
    attempts = 0

    def send_messages(self, messages):
        for _message in messages:
            FlakyBackend.attempts += 1
            if FlakyBackend.attempts in FlakyBackend.failing:
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def flaky():
    """fail(2, 3): the second and third sends from now on are refused.

    Eager tasks retry (as a worker would) only when they do not propagate errors.
    """
    def fail(*attempts: int) -> None:
        FlakyBackend.failing = set(attempts)
        FlakyBackend.attempts = 0

    propagates = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = False
    with override_settings(EMAIL_BACKEND=FLAKY):
        yield fail
    celery_app.conf.task_eager_propagates = propagates
    FlakyBackend.failing, FlakyBackend.attempts = set(), 0


@pytest.fixture(autouse=True)
def site():
    Site.objects.update_or_create(pk=1, defaults={"domain": "pasarkriya.test"})
    Site.objects.clear_cache()


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def url(name: str, pk: int) -> str:
    return "http://pasarkriya.test" + reverse(name, kwargs={"pk": pk})


def to(recipient: str) -> list:
    return [m for m in mail.outbox if m.to == [recipient]]


def claimed(product, curator):
    services.submission_submit(product_id=product.pk, user=product.artisan.partner.users.first())
    services.submission_claim(product_id=product.pk, user=curator.user)
    mail.outbox.clear()


# --- New items in the queue --------------------------------------------------------

def test_submission_emails_each_curator_of_the_region_and_no_one_else(
    product, artisan_user, curator, other_curator, after_commit
):
    # given a lead of the region, an inactive curator of it, and a curator elsewhere
    lead = CuratorFactory(regions=[product.artisan.region], is_lead=True)
    CuratorFactory(regions=[product.artisan.region], user=UserFactory(is_active=False))

    with after_commit():
        services.submission_submit(product_id=product.pk, user=artisan_user)

    assert sorted(m.to[0] for m in mail.outbox) == sorted([curator.user.email, lead.user.email])
    message = to(curator.user.email)[0]
    assert url("curation-product", product.pk) in message.body
    assert product.title in message.subject and product.title in message.body
    event = product.curation_events.get(kind=CurationEvent.Kind.SUBMITTED)
    assert set(Notification.objects.filter(sent_at__isnull=False).values_list(
        "key", "recipient")) == {(f"event:{event.pk}", curator.user.email),
                                 (f"event:{event.pk}", lead.user.email)}


def test_curators_read_the_new_item_in_the_site_language(product, artisan_user, curator,
                                                         after_commit, settings):
    product.artisan.language = "en"  # the artisan's language is not the curators'
    product.artisan.save()
    with after_commit():
        services.submission_submit(product_id=product.pk, user=artisan_user)
    [message] = mail.outbox
    with translation.override(settings.LANGUAGE_CODE):
        assert message.body.startswith(gettext("Hello,"))


def test_a_resubmitted_delisted_product_is_back_in_the_queue(product, artisan_user, curator,
                                                             after_commit, settings):
    settings.LANGUAGE_CODE = "en"  # the curators' emails, read in English here
    claimed(product, curator)
    services.submission_approve(product_id=product.pk, user=curator.user)
    services.product_delist(product_id=product.pk, user=curator.user, note="Foto menyesatkan.")
    mail.outbox.clear()

    with after_commit(), translation.override("en"):
        services.product_resubmit(product_id=product.pk, user=artisan_user)

    [message] = mail.outbox
    assert message.to == [curator.user.email]
    with translation.override("en"):
        assert f"Back in your queue: “{product.title}”" in message.subject


# --- Decisions, to the artisan in their language -----------------------------------

@pytest.mark.parametrize("language", ["en", "id"])
def test_changes_requested_reach_the_artisan_in_their_language(
    product, curator, after_commit, language
):
    artisan = product.artisan
    artisan.language = language
    artisan.email = "usaha@example.id"
    artisan.save()
    second_login = UserFactory()
    artisan.partner.users.add(second_login)
    claimed(product, curator)

    with after_commit():
        services.submission_request_changes(
            product_id=product.pk, user=curator.user, note="Foto motif lebih dekat."
        )

    logins = list(artisan.partner.users.order_by("pk").values_list("email", flat=True))
    assert sorted(m.to[0] for m in mail.outbox) == sorted([*logins, "usaha@example.id"])
    message = to("usaha@example.id")[0]
    assert "Foto motif lebih dekat." in message.body
    assert url("portal-product-update", product.pk) in message.body
    with translation.override(language):
        status = f"{gettext('Status now')}: {CurationState.CHANGES_REQUESTED.label}"
    assert status in message.body
    if language == "en":
        assert message.subject == f"[Pasar Kriya] Changes requested for “{product.title}”"
        assert "Status now: Changes requested" in message.body
    else:
        # Indonesian is the catalogue's translation of the same line.
        assert "Status now" not in message.body


def test_every_decision_kind_emails_the_artisan_and_claims_do_not(
    product, artisan_user, curator, after_commit
):
    with after_commit():
        services.submission_submit(product_id=product.pk, user=artisan_user)
        services.submission_claim(product_id=product.pk, user=curator.user)
        services.submission_release(product_id=product.pk, user=curator.user)
        services.submission_claim(product_id=product.pk, user=curator.user)
        services.submission_approve(product_id=product.pk, user=curator.user, note="Asli.")
        services.product_delist(product_id=product.pk, user=curator.user, note="Stok palsu.")

    # one to the curator for the submission, one each for approval and delisting
    assert [m.to[0] for m in mail.outbox] == [
        curator.user.email, artisan_user.email, artisan_user.email
    ]
    notified = product.curation_events.filter(kind__in=[
        CurationEvent.Kind.SUBMITTED, CurationEvent.Kind.APPROVED, CurationEvent.Kind.DELISTED,
    ])
    assert set(Notification.objects.values_list("key", flat=True)) == {
        f"event:{e.pk}" for e in notified
    }
    assert "Stok palsu." in mail.outbox[-1].body


def test_rejection_reason_reaches_the_artisan(product, curator, after_commit):
    product.artisan.language = "en"
    product.artisan.save()
    claimed(product, curator)
    with after_commit():
        services.submission_reject(product_id=product.pk, user=curator.user,
                                   note="Bukan buatan tangan.")
    [message] = mail.outbox
    assert message.subject == f"[Pasar Kriya] “{product.title}” was not accepted"
    assert "Bukan buatan tangan." in message.body


@pytest.mark.parametrize("language,passed,failed", [
    ("en", "Handmade with a canting", "Photos"), ("id", "Dibuat dengan canting", "Foto"),
])
def test_each_criterion_is_named_in_the_artisans_language_with_its_result_and_note(
    product, curator, language, passed, failed
):
    product.artisan.language = language
    product.artisan.save()
    claimed(product, curator)
    services.submission_request_changes(product_id=product.pk, user=curator.user,
                                        note="Perbaiki foto.")
    decision = product.curation_events.get(kind=CurationEvent.Kind.CHANGES_REQUESTED)
    # The services do not record the criteria on the event yet: written here as a
    # decision carries them, {"code", "name_id", "name_en", "mandatory", "result", "note"}.
    event = CurationEvent.objects.create(
        product=product, kind=decision.kind, actor=curator.user,
        from_state=decision.from_state, to_state=decision.to_state, note=decision.note,
        criteria=[
            {"code": "canting", "name_id": "Dibuat dengan canting",
             "name_en": "Handmade with a canting", "mandatory": True, "result": "passed",
             "note": ""},
            {"code": "photos", "name_id": "Foto", "name_en": "Photos", "mandatory": True,
             "result": "failed", "note": "Foto buram."},
        ],
    )
    mail.outbox.clear()

    curation_event_notify.delay(event_id=event.pk)

    [message] = mail.outbox
    with translation.override(language):
        passed_label, failed_label = gettext("Passed"), gettext("Not met")
        mandatory = gettext("mandatory")
    assert f"- {passed} ({mandatory}): {passed_label}\n" in message.body
    assert f"- {failed} ({mandatory}): {failed_label}\n  Foto buram.\n" in message.body


def test_a_revision_is_queued_and_decided_as_changes_to_a_published_product(region, curator, settings):
    settings.LANGUAGE_CODE = "en"  # the curators' emails, read in English here
    # given a published product whose artisan proposes new content
    product = published_product(artisan=ArtisanFactory(region=region, language="en"))
    artisan_user = product.artisan.partner.users.get()
    revision = ProductRevision.objects.create(product=product, created_by=artisan_user,
                                              title="Kain Batik Baru")
    mail.outbox.clear()
    # The revision services are not written yet: their events as they will record them.
    submitted_event = CurationEvent.objects.create(
        product=product, kind=CurationEvent.Kind.SUBMITTED, actor=artisan_user,
        from_state="draft", to_state="submitted", revision=revision,
    )
    approved_event = CurationEvent.objects.create(
        product=product, kind=CurationEvent.Kind.APPROVED, actor=curator.user,
        from_state="in_review", to_state="approved", revision=revision,
    )

    with translation.override("en"):
        curation_event_notify.delay(event_id=submitted_event.pk)
        curation_event_notify.delay(event_id=approved_event.pk)

    to_curators = [m for m in mail.outbox if curator.user.email in m.to]
    assert [m.subject for m in to_curators] == [
        f"[Pasar Kriya] Changes to review: “{product.title}”"
    ]
    [to_artisan] = to(artisan_user.email)
    assert to_artisan.subject == f"[Pasar Kriya] Your changes to “{product.title}” are approved"


@pytest.mark.parametrize("kind", ["claimed", "released", "withdrawn", "retired"])
def test_events_that_are_not_news_send_nothing(product, artisan_user, curator, kind):
    claimed(product, curator)
    event = events.curation_event_record(
        product=product, kind=kind, actor=curator.user, from_state="in_review",
        to_state="submitted",
    )
    assert curation_event_notify.delay(event_id=event.pk).get() == 0
    assert mail.outbox == [] and not Notification.objects.exists()


# --- A claim taken over --------------------------------------------------------------

def test_taken_over_claim_tells_the_curator_who_held_it(product, curator, after_commit):
    lead = CuratorFactory(regions=[product.artisan.region], is_lead=True)
    claimed(product, curator)
    # The take-over service is not written yet: its event as it will record it.
    event = events.curation_event_record(
        product=product, kind=CurationEvent.Kind.TAKEN_OVER, actor=lead.user,
        from_state="in_review", to_state="in_review", note="Kurator cuti.",
    )
    assert notifications.previous_claimant(event) == curator.user

    curation_event_notify.delay(event_id=event.pk)

    [message] = mail.outbox
    assert message.to == [curator.user.email]
    assert "Kurator cuti." in message.body and url("curation-product", product.pk) in message.body


def test_taken_over_without_an_earlier_claim_sends_nothing(product, curator):
    event = events.curation_event_record(
        product=product, kind=CurationEvent.Kind.TAKEN_OVER, actor=curator.user,
        from_state="in_review", to_state="in_review",
    )
    assert notifications.previous_claimant(event) is None
    curation_event_notify.delay(event_id=event.pk)
    assert mail.outbox == []


# --- Once only, under retries ----------------------------------------------------------

def test_a_retried_task_sends_only_to_those_not_yet_sent(product, curator, flaky, after_commit):
    # given three addresses for the artisan, and a mail server that drops the second send
    artisan = product.artisan
    artisan.email = "usaha@example.id"
    artisan.save()
    artisan.partner.users.add(UserFactory())
    claimed(product, curator)
    flaky(2)

    with after_commit():
        services.submission_approve(product_id=product.pk, user=curator.user)

    # then the retry delivered the missing one: three emails, one each, all recorded
    recipients = [m.to[0] for m in mail.outbox]
    assert len(recipients) == 3 and len(set(recipients)) == 3
    assert FlakyBackend.attempts == 4
    event = product.curation_events.get(kind=CurationEvent.Kind.APPROVED)
    ledger = Notification.objects.filter(key=f"event:{event.pk}")
    assert ledger.count() == 3 and not ledger.filter(sent_at=None).exists()


def test_the_same_event_twice_sends_nothing_the_second_time(product, curator, after_commit):
    claimed(product, curator)
    with after_commit():
        services.submission_approve(product_id=product.pk, user=curator.user)
    event = product.curation_events.get(kind=CurationEvent.Kind.APPROVED)

    assert curation_event_notify.delay(event_id=event.pk).get() == 0
    assert len(mail.outbox) == 1


def test_a_failed_send_leaves_no_sent_mark_and_the_next_try_sends(flaky):
    flaky(1)
    with pytest.raises(smtplib.SMTPException):
        notification_send(key="event:1", recipient="a@example.id",
                                        subject="S", body="B")
    assert not Notification.objects.filter(sent_at__isnull=False).exists()

    assert notification_send(key="event:1", recipient="a@example.id",
                                           subject="S", body="B") is True
    assert notification_send(key="event:1", recipient="a@example.id",
                                           subject="S", body="B") is False
    assert [m.to for m in mail.outbox] == [["a@example.id"]]


def test_the_task_gives_up_after_five_retries(product, curator, flaky):
    claimed(product, curator)
    services.submission_approve(product_id=product.pk, user=curator.user)
    event = product.curation_events.get(kind=CurationEvent.Kind.APPROVED)
    flaky(*range(1, 10))

    result = curation_event_notify.delay(event_id=event.pk)

    assert result.failed()
    with pytest.raises(smtplib.SMTPException):
        result.get()
    assert FlakyBackend.attempts == 6  # the first try and five retries
    assert mail.outbox == []
    assert not Notification.objects.filter(key=f"event:{event.pk}").exists()


# --- Overdue: the daily reminder ---------------------------------------------------------

def submitted(product, *, days_ago: float, now: datetime) -> Submission:
    """A submission made through the service, then aged: made `days_ago` before `now`."""
    services.submission_submit(product_id=product.pk, user=product.artisan.partner.users.first())
    submission = Submission.objects.get(product=product, is_open=True)
    submitted_at = now - timedelta(days=days_ago)
    Submission.objects.filter(pk=submission.pk).update(
        submitted_at=submitted_at,
        due_at=submitted_at + timedelta(days=product.curation_target_days),
    )
    submission.refresh_from_db()
    return submission


# 20:00 UTC on 23 November is 03:00 on 24 November in Jakarta.
NOW = datetime(2026, 11, 23, 20, 0, tzinfo=dt_timezone.utc)


def test_reminder_lists_the_regions_overdue_items_oldest_first_once_a_day(
    region, curator, other_curator, settings
):
    settings.CURATION_TARGET_DAYS = 5
    artisan = ArtisanFactory(region=region)
    older = ProductFactory(artisan=artisan, title="Kain Lama")
    newer = ProductFactory(artisan=artisan, title="Kain Baru")
    on_time = ProductFactory(artisan=artisan, title="Kain Tepat Waktu")
    elsewhere = ProductFactory(artisan=ArtisanFactory(region=other_curator.regions.get()),
                               title="Kain Lumajang")
    submitted(newer, days_ago=6, now=NOW)
    submitted(older, days_ago=9, now=NOW)
    submitted(on_time, days_ago=2, now=NOW)
    submitted(elsewhere, days_ago=7, now=NOW)
    services.submission_claim(product_id=newer.pk, user=curator.user)
    mail.outbox.clear()

    with translation.override("en"):
        assert notifications.curation_overdue_remind(now=NOW) == 2

    # each region's curators get their own region's items only
    [message] = to(curator.user.email)
    [other_message] = to(other_curator.user.email)
    assert "Kain Lumajang" in other_message.body and "Kain Lama" not in other_message.body
    body = message.body
    assert "Kain Lumajang" not in body
    assert body.index("Kain Lama") < body.index("Kain Baru")
    assert "Kain Tepat Waktu" not in body
    assert url("curation-product", older.pk) in body and url("curation-product", newer.pk) in body
    assert Notification.objects.filter(
        key=f"reminder:2026-11-24:region:{region.pk}", recipient=curator.user.email,
        sent_at__isnull=False,
    ).exists()
    with translation.override(settings.LANGUAGE_CODE):
        assert message.body.startswith(gettext("Hello,"))

    # run again the same (Jakarta) day: nothing; the next day: the reminder again
    assert notifications.curation_overdue_remind(now=NOW + timedelta(hours=12)) == 0
    assert len(mail.outbox) == 2
    assert notifications.curation_overdue_remind(now=NOW + timedelta(days=1)) == 2
    assert len(to(curator.user.email)) == 2


def test_reminder_says_who_reviews_and_how_old(region, curator, settings):
    settings.LANGUAGE_CODE = "en"  # the curators' emails, read in English here
    product = ProductFactory(artisan=ArtisanFactory(region=region), title="Kain Tua")
    submitted(product, days_ago=8, now=timezone.now())
    services.submission_claim(product_id=product.pk, user=curator.user)
    mail.outbox.clear()

    with translation.override("en"):
        notifications.curation_overdue_remind()
        [message] = mail.outbox
        assert message.subject == "[Pasar Kriya] 1 item past the target time in " \
                                  f"{region.display_name}"
        assert "Submitted 8 days ago" in message.body
        assert f"In review by {curator}." in message.body


def test_reminder_task_runs_the_reminder(region, curator):
    from curation.tasks import curation_overdue_remind_task

    submitted(ProductFactory(artisan=ArtisanFactory(region=region)), days_ago=6,
              now=timezone.now())
    mail.outbox.clear()
    assert curation_overdue_remind_task.delay().get() == 1
    assert curation_overdue_remind_task.delay().get() == 0
    assert [m.to for m in mail.outbox] == [[curator.user.email]]


def test_nothing_overdue_sends_no_reminder(region, curator):
    submitted(ProductFactory(artisan=ArtisanFactory(region=region)), days_ago=1,
              now=timezone.now())
    mail.outbox.clear()
    assert notifications.curation_overdue_remind() == 0
    assert mail.outbox == []


# --- Overdue by a second period: escalation ----------------------------------------------

@pytest.fixture
def lead(region):
    return CuratorFactory(regions=[region], is_lead=True)


def test_escalation_goes_to_the_regions_lead_once_after_a_second_period(
    region, curator, lead, other_region, settings
):
    settings.CURATION_TARGET_DAYS = 5
    CuratorFactory(regions=[other_region], is_lead=True)  # a lead elsewhere
    submission = submitted(ProductFactory(artisan=ArtisanFactory(region=region)),
                           days_ago=0, now=NOW)
    mail.outbox.clear()
    second_period_ends = submission.due_at + timedelta(days=5)

    assert notifications.curation_overdue_escalate(now=second_period_ends) == 0
    assert mail.outbox == []

    later = second_period_ends + timedelta(minutes=1)
    with translation.override("en"):
        assert notifications.curation_overdue_escalate(now=later) == 1
    [message] = mail.outbox
    assert message.to == [lead.user.email]
    assert url("curation-product", submission.product_id) in message.body
    submission.refresh_from_db()
    assert submission.escalated_at == later

    assert notifications.curation_overdue_escalate(now=later + timedelta(hours=1)) == 0
    assert len(mail.outbox) == 1
    assert Notification.objects.get().key == f"escalation:submission:{submission.pk}"


def test_the_regions_own_target_time_sets_both_periods(region, lead):
    region.curation_target_days = 2
    region.save()
    submission = submitted(ProductFactory(artisan=ArtisanFactory(region=region)),
                           days_ago=4.1, now=NOW)
    mail.outbox.clear()
    assert submission.due_at == submission.submitted_at + timedelta(days=2)
    assert notifications.curation_overdue_escalate(now=NOW) == 1
    assert [m.to for m in mail.outbox] == [[lead.user.email]]


def test_without_a_lead_curator_the_superusers_are_told_why(region, curator, settings):
    settings.LANGUAGE_CODE = "en"  # the curators' emails, read in English here
    admin = UserFactory(is_superuser=True, is_staff=True)
    UserFactory(is_staff=True)  # staff, not superuser
    submitted(ProductFactory(artisan=ArtisanFactory(region=region)), days_ago=11, now=NOW)
    mail.outbox.clear()

    with translation.override("en"):
        assert notifications.curation_overdue_escalate(now=NOW) == 1
    [message] = mail.outbox
    assert message.to == [admin.email]
    assert f"{region.display_name} has no lead curator" in message.body


def test_a_decided_item_is_not_escalated(region, curator, lead):
    product = ProductFactory(artisan=ArtisanFactory(region=region))
    submitted(product, days_ago=11, now=NOW)
    services.submission_claim(product_id=product.pk, user=curator.user)
    services.submission_approve(product_id=product.pk, user=curator.user)
    mail.outbox.clear()
    assert notifications.curation_overdue_escalate(now=NOW) == 0
    assert mail.outbox == []


def test_an_escalation_interrupted_by_the_mail_server_completes_later_without_repeats(
    region, lead, flaky
):
    second_lead = CuratorFactory(regions=[region], is_lead=True)
    submission = submitted(ProductFactory(artisan=ArtisanFactory(region=region)),
                           days_ago=11, now=NOW)
    mail.outbox.clear()
    flaky(2)

    with pytest.raises(smtplib.SMTPException):
        notifications.curation_overdue_escalate(now=NOW)
    submission.refresh_from_db()
    assert submission.escalated_at is None
    assert [m.to for m in mail.outbox] == [[lead.user.email]]

    assert notifications.curation_overdue_escalate(now=NOW + timedelta(hours=1)) == 1
    assert [m.to for m in mail.outbox] == [[lead.user.email], [second_lead.user.email]]
    submission.refresh_from_db()
    assert submission.escalated_at == NOW + timedelta(hours=1)


def test_escalation_task_escalates(region, lead):
    from curation.tasks import curation_overdue_escalate_task

    submitted(ProductFactory(artisan=ArtisanFactory(region=region)), days_ago=11,
              now=timezone.now())
    mail.outbox.clear()
    assert curation_overdue_escalate_task.delay().get() == 1
    assert curation_overdue_escalate_task.delay().get() == 0
    assert [m.to for m in mail.outbox] == [[lead.user.email]]

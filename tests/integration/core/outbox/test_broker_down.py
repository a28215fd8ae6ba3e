"""Broker down: everything promised while Redis is stopped happens, once, after it is back.

A redis-server of the test's own is the broker of this process and of a real Celery
worker. It is stopped; a submission is made and approved, a bank transfer marked
paid, a payout recorded, a photo uploaded and a signed Stripe webhook received, all
through the real services and views, and each answers normally. Redis starts again
(same port, empty), beat's sweep runs, and within a bounded time every email is
written once per recipient, the photo's renditions exist, the card order is paid
once, and no outbox row is left pending. A second sweep sends nothing.

Runs in the PostgreSQL pass of `make test` (the worker must see the committed rows);
redis-server or Redis missing: skipped locally, a failure in CI.
"""
import datetime as dt
import time
import uuid
from collections import Counter
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from oscar.apps.order.models import Order

from artisans.portal import services as portal_services
from catalogue import photos
from catalogue.models import ProductImage
from curation import services as curation_services
from curation.notifications import region_curator_emails
from catalogue.states import CurationState
from payouts import services as payout_services
from payouts.models import Payout
from core.outbox import services as outbox_services
from core.outbox.models import OutboxMessage, OutboxState
from payments.services import order_mark_paid
from payments.statuses import OrderStatus, PaymentEventKind
from payments.models import StripeEvent
from payments.selectors import card_source_type
from payments.card import payment_intent_for_order
from tests.factories import (
    ArtisanFactory, OrderFactory, OrderLineFactory, ProductFactory, UserFactory,
    published_product,
)
from tests.support.ledger import payments_staff
from tests.support.ledger import jakarta, sale, shipment_event
from tests.support.stripe import WEBHOOK_SECRET, post_event
from tests.support.checkout import basket_with, place_bank_transfer_order
from tests.support.photos import gps_jpeg
from tests.worker import (
    WORKER_TEST_MARKS,
    celery_worker_process, in_process_broker, log_tail, mail_headers, mail_recipients,
    private_queue, worker_stop, worker_wait_ready,
)

pytestmark = WORKER_TEST_MARKS

BOUND_SECONDS = 60


def card_order_awaiting_webhook(fake_stripe, *, artisan):
    """A card order of one line of `artisan`, paid at Stripe; returns it and the event
    Stripe would send (signed when posted)."""
    price = Decimal("1250000")
    total = price + settings.FLAT_RATE_SHIPPING_IDR
    order = OrderFactory(status=OrderStatus.AWAITING_PAYMENT,
                         user=UserFactory(email="pembeli.kartu@example.id"),
                         total_incl_tax=total, total_excl_tax=total)
    line = OrderLineFactory(order=order, status=OrderStatus.AWAITING_PAYMENT,
                            product=ProductFactory(artisan=artisan))
    for field in ("unit_price_incl_tax", "unit_price_excl_tax", "line_price_incl_tax",
                  "line_price_excl_tax", "line_price_before_discounts_incl_tax",
                  "line_price_before_discounts_excl_tax"):
        setattr(line, field, price)
    line.save()
    order.sources.create(source_type=card_source_type(), currency="IDR",
                         amount_allocated=order.total_incl_tax, reference=order.number)
    payment, _secret = payment_intent_for_order(order=order)
    fake_stripe.succeed(payment.payment_intent_id)
    return order, fake_stripe.event("payment_intent.succeeded",
                                    fake_stripe.intents[payment.payment_intent_id])


def logins(artisan) -> set[str]:
    return {user.email for user in artisan.partner.users.all()}


def wait_until(check, *, timeout: float, what: str, log):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.25)
    raise AssertionError(f"not within {timeout} s: {what}\nworker log: {log_tail(log)}")


def test_everything_promised_while_the_broker_is_down_happens_once_when_it_is_back(
    redis_server, fake_stripe, tmp_path, client, settings, monkeypatch,
    product, artisan, artisan_user, curator,
):
    # Given the shop's data, made before the broker is used (no outbox row waits) ...
    transfer_artisan = ArtisanFactory(region=artisan.region)
    transfer_order = place_bank_transfer_order(basket_with(published_product(
        artisan=transfer_artisan, title="Tenun Ikat Sumba", stock=(Decimal("900000"), 3))))
    order_staff = payments_staff(email="bendahara@example.id")
    payout_artisan = ArtisanFactory(region=artisan.region)
    owed = sale(artisan=payout_artisan, placed_at=jakarta(2025, 1, 3), amount="1000000")
    shipment_event(owed, "shipped", at=jakarta(2025, 1, 4))
    photo_artisan = ArtisanFactory(region=artisan.region)
    draft = ProductFactory(artisan=photo_artisan, title="Gerabah Kasongan")
    card_artisan = ArtisanFactory(region=artisan.region)
    card_order, event = card_order_awaiting_webhook(fake_stripe, artisan=card_artisan)
    assert curator.user.email in region_curator_emails(region_id=artisan.region_id)
    assert not OutboxMessage.objects.filter(state=OutboxState.PENDING).exists()
    before = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    # ... a worker and this process on the test's own Redis ...
    settings.OUTBOX_OUTAGE_RETRY_SECONDS = 1  # rows the outage deferred are due soon
    monkeypatch.setattr(outbox_services, "_fast_path_paused_until", 0.0)
    queue, mail_dir, log = private_queue(), tmp_path / "mail", tmp_path / "worker.log"
    worker = celery_worker_process(
        broker_url=redis_server.url, queue=queue, mail_dir=mail_dir, log=log,
        env={"STRIPE_SECRET_KEY": settings.STRIPE_SECRET_KEY,
             "STRIPE_PUBLISHABLE_KEY": settings.STRIPE_PUBLISHABLE_KEY,
             "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
             "TEST_FAKE_STRIPE_URL": fake_stripe.url},
        include=["tests.integration.core.outbox.worker_stripe"],
    )
    try:
        with in_process_broker(redis_server.url, queue):
            worker_wait_ready(worker, log)
            # ... and Redis stopped.
            redis_server.stop()

            # When every change is made while the broker is down, each answers normally.
            curation_services.submission_submit(product_id=product.pk, user=artisan_user)
            curation_services.submission_claim(product_id=product.pk, user=curator.user)
            curation_services.submission_approve(product_id=product.pk, user=curator.user,
                                                 note="Motif asli.")
            order_mark_paid(order=transfer_order, user=order_staff, reference="BCA-77")
            payout = payout_services.payout_record(
                artisan_id=payout_artisan.pk, amount=600000, paid_on=dt.date(2025, 1, 31),
                reference="TRF-2025-0131", user=order_staff, idempotency_key=uuid.uuid4().hex)
            image = portal_services.product_image_add(
                product=draft, user=draft.artisan.partner.users.get(),
                file=gps_jpeg("dari-ponsel.jpg", size=(1200, 600)))
            answer = post_event(client, event)

            # Then every change is committed, and its side effects wait in the outbox.
            assert answer.status_code == 200
            product.refresh_from_db()
            transfer_order.refresh_from_db()
            assert product.curation_state == CurationState.APPROVED
            assert transfer_order.status == OrderStatus.PAID
            assert Payout.objects.filter(pk=payout.pk).exists()
            assert ProductImage.objects.get(pk=image.pk).renditions == {}
            assert StripeEvent.objects.get(event_id=event["id"]).processed_at is None
            promised = OutboxMessage.objects.filter(pk__gt=before)
            assert {m.state for m in promised} == {OutboxState.PENDING}
            assert Counter(m.task_name for m in promised) >= Counter({
                "curation.tasks.curation_event_notify": 2,
                "payments.tasks.order_paid_artisans_notify_task": 1,
                "payouts.tasks.payout_notify": 1,
                "catalogue.tasks.product_image_renditions_make": 1,
                "payments.tasks.stripe_event_process": 1,
            }), [m.task_name for m in promised]
            assert mail_recipients(mail_dir) == []

            # When Redis is back (same port, empty) and beat's sweep runs once every
            # deferred row is due again,
            redis_server.start()
            latest = max(m.next_attempt_at for m in promised)
            time.sleep(max(0.0, (latest - timezone.now()).total_seconds()) + 0.1)
            swept = outbox_services.outbox_sweep()

            # then the sweep handed every promise to the broker ...
            assert swept["sent"] == promised.count(), (swept, log_tail(log))
            assert not OutboxMessage.objects.filter(state=OutboxState.PENDING).exists()
            # ... and within a bounded time each side effect happened, once.
            expected = Counter({
                # the submission, to the region's curators
                **{email: 1 for email in region_curator_emails(region_id=artisan.region_id)},
                artisan_user.email: 1,  # the approval
                **{email: 1 for email in logins(transfer_artisan)},  # paid, please ship
                **{email: 1 for email in logins(payout_artisan)},  # the payout
                "pembeli.kartu@example.id": 1,  # the card payment, to the buyer
                **{email: 1 for email in logins(card_artisan)},  # paid, please ship
            })
            wait_until(lambda: Counter(mail_recipients(mail_dir)) >= expected,
                       timeout=BOUND_SECONDS, log=log,
                       what=f"emails {expected}, written {mail_recipients(mail_dir)}")
            wait_until(lambda: ProductImage.objects.get(pk=image.pk).renditions,
                       timeout=BOUND_SECONDS, log=log, what="the photo's renditions")
            wait_until(lambda: StripeEvent.objects.get(event_id=event["id"]).processed_at,
                       timeout=BOUND_SECONDS, log=log, what="the Stripe event applied")
            card_order.refresh_from_db()
            assert card_order.status == OrderStatus.PAID
            assert card_order.payment_events.filter(
                event_type__name=PaymentEventKind.PAID).count() == 1
            assert set(ProductImage.objects.get(pk=image.pk).renditions) == set(
                photos.RENDITIONS)
            # What the worker promised in turn (the card order's emails) went out too.
            wait_until(lambda: not OutboxMessage.objects.filter(
                state=OutboxState.PENDING).exists(),
                timeout=BOUND_SECONDS, log=log, what="no outbox row pending")

            # A second sweep sends nothing more.
            assert outbox_services.outbox_sweep()["sent"] == 0
            time.sleep(2)
            assert Counter(mail_recipients(mail_dir)) == expected, mail_headers(mail_dir)
            assert not OutboxMessage.objects.filter(state=OutboxState.PARKED).exists()
            assert Order.objects.get(pk=transfer_order.pk).status == OrderStatus.PAID
    finally:
        worker_stop(worker)

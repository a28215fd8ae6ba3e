"""Curation emails delivered by a real Celery worker over Redis, after commit.

Runs in the PostgreSQL pass of `make test`: the worker is a separate process and
must see the rows the test committed, which SQLite's in-memory test database cannot
share. Redis missing: skipped locally, a failure in CI. The worker is tests/worker.py's.
"""
import threading
import time
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connections
from django.test import override_settings

from core.notifications import notification_send
from curation import services
from core.models import Notification
from curation.models import CurationEvent
from curation.tasks import curation_event_notify
from tests.factories import ProductFactory
from tests.services import REDIS_URL, require_redis
from tests.worker import WORKER_TEST_MARKS, celery_worker_process, in_process_broker, private_queue, worker_stop

pytestmark = WORKER_TEST_MARKS


@pytest.fixture
def worker(tmp_path):
    """A real `celery worker` process on a private Redis database and queue."""
    require_redis()
    queue = private_queue()
    mail_dir = tmp_path / "mail"
    process = celery_worker_process(broker_url=REDIS_URL, queue=queue, mail_dir=mail_dir,
                                    log=tmp_path / "worker.log")
    with in_process_broker(REDIS_URL, queue):
        yield mail_dir
    worker_stop(process)


def wait_for_mail(mail_dir: Path, count: int, timeout: float = 60) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = sorted(mail_dir.glob("*.log")) if mail_dir.exists() else []
        if len(files) >= count:
            return [f.read_text() for f in files]
        time.sleep(0.2)
    raise AssertionError(f"the worker sent {len(files)} emails, expected {count}")


def test_worker_emails_curators_on_submission_and_artisan_on_approval(
    worker, product, artisan_user, curator
):
    services.submission_submit(product_id=product.pk, user=artisan_user)
    [to_curator] = wait_for_mail(worker, 1)
    assert f"To: {curator.user.email}" in to_curator
    assert product.title in to_curator

    services.submission_claim(product_id=product.pk, user=curator.user)
    services.submission_approve(product_id=product.pk, user=curator.user, note="Asli.")
    mails = wait_for_mail(worker, 2)
    assert any(f"To: {artisan_user.email}" in m and "Asli." in m for m in mails)


def test_worker_delivers_a_decision_once_when_its_task_is_sent_twice(
    worker, product, artisan_user, curator
):
    services.submission_submit(product_id=product.pk, user=artisan_user)
    wait_for_mail(worker, 1)
    services.submission_claim(product_id=product.pk, user=curator.user)
    # the approval queues its task on commit; then the same task twice more, as a
    # redelivered message or a replay would
    services.submission_approve(product_id=product.pk, user=curator.user, note="Asli.")
    event = product.curation_events.get(kind=CurationEvent.Kind.APPROVED)
    curation_event_notify.delay(event_id=event.pk)
    curation_event_notify.delay(event_id=event.pk)
    # One solo worker takes its queue in order: once the email of a later submission
    # is out, every copy of the approval's task has run.
    later = ProductFactory(artisan=product.artisan, title="Kain Penanda")
    services.submission_submit(product_id=later.pk, user=artisan_user)

    mails = wait_for_mail(worker, 3)
    assert any("Kain Penanda" in m for m in mails)
    to_artisan = [m for m in mails if f"To: {artisan_user.email}" in m]
    assert len(to_artisan) == 1 and "Asli." in to_artisan[0]
    assert Notification.objects.filter(
        key=f"event:{event.pk}", recipient=artisan_user.email, sent_at__isnull=False
    ).count() == 1
    time.sleep(1)
    assert len(list(worker.glob("*.log"))) == 3


class SlowBackend(EmailBackend):
    """A mail server that takes its time: both senders are inside the send at once."""

    def send_messages(self, messages):
        time.sleep(0.5)
        return super().send_messages(messages)


@pytest.mark.parametrize("row_exists", [False, True], ids=["new", "unsent-row"])
@override_settings(EMAIL_BACKEND="tests.integration.curation.test_worker.SlowBackend")
def test_two_workers_sending_the_same_message_at_once_send_it_once(row_exists):
    if row_exists:  # both find the row unsent: only its lock keeps them apart
        Notification.objects.create(key="event:1", recipient="perajin@example.id")
    barrier = threading.Barrier(2)
    outcomes = [None, None]

    def send(i):
        try:
            barrier.wait()
            outcomes[i] = notification_send(
                key="event:1", recipient="perajin@example.id", subject="S", body="B"
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert sorted(outcomes) == [False, True]
    assert [m.to for m in mail.outbox] == [["perajin@example.id"]]
    assert Notification.objects.get().sent_at is not None

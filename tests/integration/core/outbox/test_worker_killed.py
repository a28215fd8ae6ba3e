"""Worker killed mid-task: the task is done after a restart, once.

Tasks are acknowledged when they end (CELERY_TASK_ACKS_LATE, and
CELERY_TASK_REJECT_ON_WORKER_LOST), so a worker SIGKILLed in a task leaves its message
unacked in Redis; once it has been unacked for the broker's visibility timeout
(CELERY_VISIBILITY_TIMEOUT, 5 s here instead of production's 20 minutes) a worker
starting gives it out again. The task, promised through the outbox, is one that
dawdles on its first run (tests/integration/core/outbox/slow_tasks.py).

Runs in the PostgreSQL pass of `make test`; redis-server missing: skipped locally, a
failure in CI.
"""
import time
from collections import Counter

from django.db import transaction

from core.models import Notification
from core.outbox.models import OutboxMessage, OutboxState
from core.outbox.services import outbox_enqueue
from tests.integration.core.outbox.slow_tasks import slow_email
from tests.worker import (
    WORKER_TEST_MARKS,
    celery_worker_process, in_process_broker, log_tail, mail_headers, mail_recipients,
    private_queue, worker_stop, worker_wait_ready,
)

pytestmark = WORKER_TEST_MARKS

VISIBILITY_TIMEOUT = 5
RECIPIENT = "pembeli@example.id"


def wait_until(check, *, timeout: float, what: str, log):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"not within {timeout} s: {what}\nworker log: {log_tail(log)}")


def test_a_task_whose_worker_is_killed_mid_task_is_done_once_after_a_restart(
    redis_server, tmp_path
):
    queue, mail_dir, runs = private_queue(), tmp_path / "mail", tmp_path / "runs"

    def start_worker(name: str):
        log = tmp_path / f"{name}.log"
        process = celery_worker_process(
            broker_url=redis_server.url, queue=queue, mail_dir=mail_dir, log=log,
            env={"CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)},
            include=["tests.integration.core.outbox.slow_tasks"],
        )
        worker_wait_ready(process, log)
        return process, log

    with in_process_broker(redis_server.url, queue):
        first, first_log = start_worker("first")
        try:
            # Given the task promised with a change and running in a worker ...
            with transaction.atomic():
                message = outbox_enqueue(task=slow_email, kwargs={
                    "key": "shipped:1", "recipient": RECIPIENT, "runs_dir": str(runs)})
            message.refresh_from_db()
            assert message.state == OutboxState.SENT
            wait_until(lambda: runs.exists() and any(runs.iterdir()), timeout=30,
                       log=first_log, what="the first worker starts the task")

            # ... when the worker is killed in it (SIGKILL: no warm shutdown, no ack),
            first.kill()
            first.wait(timeout=10)
        finally:
            worker_stop(first)
        assert mail_recipients(mail_dir) == []

        # and a worker starts once the message has been unacked past the visibility
        # timeout,
        time.sleep(VISIBILITY_TIMEOUT + 1)
        second, second_log = start_worker("second")
        try:
            # then the task is given out again and done,
            wait_until(lambda: mail_recipients(mail_dir), timeout=60, log=second_log,
                       what="the task done after the restart")
            # once: one email, one ledger row, and no further delivery after another
            # visibility timeout and a restore sweep.
            time.sleep(VISIBILITY_TIMEOUT + 2)
            assert Counter(mail_recipients(mail_dir)) == {RECIPIENT: 1}, mail_headers(mail_dir)
            assert len(list(runs.iterdir())) == 2
            assert Notification.objects.filter(
                key="shipped:1", recipient=RECIPIENT, sent_at__isnull=False).count() == 1
            assert not OutboxMessage.objects.exclude(state=OutboxState.SENT).exists()
        finally:
            worker_stop(second)

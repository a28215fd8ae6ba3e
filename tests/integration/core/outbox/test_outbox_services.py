"""The outbox: a side effect is a row written with its change, relayed after commit,
kept (not lost) while the broker is down or the task fails, and parked with its error
when it keeps failing."""
import socket
from datetime import timedelta

import pytest
from celery import shared_task
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from shop.celery import app as celery_app
from core.outbox import services as outbox
from core.outbox.models import OutboxMessage, OutboxState
from tests.services import REDIS_URL, require_redis

pytestmark = pytest.mark.django_db

RUNS: list[dict] = []
FAILURES: dict[str, int] = {}


@shared_task(name="tests.outbox_probe")
def outbox_probe(*, key: str) -> str:
    """A task for these tests: records its run; fails while FAILURES[key] > 0."""
    if FAILURES.get(key, 0) > 0:
        FAILURES[key] -= 1
        raise RuntimeError(f"probe {key} fails on purpose")
    RUNS.append({"key": key})
    return key


@pytest.fixture(autouse=True)
def _clean():
    RUNS.clear()
    FAILURES.clear()
    outbox._fast_path_paused_until = 0.0
    yield
    outbox._fast_path_paused_until = 0.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def broker(settings):
    """Point the in-process Celery app at a broker URL (not eager) for the test."""
    old = (celery_app.conf.broker_url, celery_app.conf.task_always_eager,
           celery_app.conf.task_default_queue)

    def use(url: str, queue: str = "outbox-test"):
        celery_app.conf.update(broker_url=url, task_always_eager=False,
                               task_default_queue=queue)
        celery_app._after_fork()  # forget pooled connections to the previous broker

    yield use
    celery_app.conf.update(broker_url=old[0], task_always_eager=old[1],
                           task_default_queue=old[2])
    celery_app._after_fork()


def test_the_row_is_written_with_the_change_and_relayed_after_commit(
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            message = outbox.outbox_enqueue(task=outbox_probe, kwargs={"key": "a"})
            assert RUNS == []  # nothing runs before the change commits

    message.refresh_from_db()
    assert RUNS == [{"key": "a"}]
    assert (message.state, message.attempts, message.last_error) == (OutboxState.SENT, 1, "")
    assert message.sent_at is not None


def test_a_change_rolled_back_promises_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(ValueError), transaction.atomic():
            outbox.outbox_enqueue(task=outbox_probe, kwargs={"key": "a"})
            raise ValueError("the change fails")

    assert callbacks == [] and RUNS == []
    assert not OutboxMessage.objects.exists()


def test_a_failing_task_waits_backs_off_and_is_parked_with_its_error(settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    FAILURES["b"] = 5
    message = OutboxMessage.objects.create(task_name="tests.outbox_probe", kwargs={"key": "b"})

    first = outbox.outbox_relay()
    message.refresh_from_db()
    assert first["failed"] == 1
    assert message.state == OutboxState.PENDING and message.attempts == 1
    assert "probe b fails on purpose" in message.last_error
    assert message.next_attempt_at > timezone.now()
    assert outbox.outbox_relay()["sent"] == 0  # not due yet

    for _ in range(2):
        OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        outbox.outbox_relay()
    message.refresh_from_db()
    assert (message.state, message.attempts) == (OutboxState.PARKED, 3)
    assert RUNS == []

    # Staff fix the cause and try it again: delivered once.
    FAILURES["b"] = 0
    assert outbox.outbox_retry(ids=[message.pk]) == 1
    assert outbox.outbox_sweep()["sent"] == 1
    assert RUNS == [{"key": "b"}]


def test_the_same_promise_under_one_key_is_one_row(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = outbox.outbox_enqueue(task=outbox_probe, kwargs={"key": "c"}, dedupe_key="k1")
    with django_capture_on_commit_callbacks(execute=True):
        second = outbox.outbox_enqueue(task=outbox_probe, kwargs={"key": "c"}, dedupe_key="k1")

    assert first.pk == second.pk
    assert RUNS == [{"key": "c"}]


def test_an_unknown_task_is_refused_when_promised():
    with pytest.raises(KeyError):
        outbox.outbox_enqueue(task="tests.no_such_task")


def test_with_the_broker_down_rows_wait_uncounted_and_the_fast_path_pauses(broker):
    broker(f"redis://127.0.0.1:{free_port()}/0")
    rows = [OutboxMessage.objects.create(task_name="tests.outbox_probe", kwargs={"key": k})
            for k in "de"]

    counts = outbox.outbox_relay()

    assert counts["deferred"] == 2 and counts["sent"] == 0
    for row in rows:
        row.refresh_from_db()
        assert row.state == OutboxState.PENDING and row.attempts == 0
        assert row.next_attempt_at > timezone.now()
    assert rows[0].last_error  # the broker's error, for staff
    assert outbox._fast_path_paused_until > 0


@pytest.mark.redis
def test_once_the_broker_answers_the_sweep_hands_the_rows_to_it(broker):
    require_redis()
    import redis

    queue = f"outbox-test-{timezone.now().timestamp()}"
    broker(REDIS_URL, queue=queue)
    client = redis.Redis.from_url(REDIS_URL)
    client.delete(queue)
    row = OutboxMessage.objects.create(task_name="tests.outbox_probe", kwargs={"key": "f"})

    counts = outbox.outbox_sweep()

    row.refresh_from_db()
    assert counts["sent"] == 1 and row.state == OutboxState.SENT
    assert client.llen(queue) == 1  # the broker holds the message for a worker
    client.delete(queue)


def test_the_status_command_counts_and_fails_on_parked_rows(capsys):
    OutboxMessage.objects.create(task_name="tests.outbox_probe", kwargs={"key": "g"})
    call_command("outbox_status")
    assert "pending" in capsys.readouterr().out

    OutboxMessage.objects.create(task_name="tests.outbox_probe", kwargs={"key": "h"},
                                 state=OutboxState.PARKED, last_error="boom")
    with pytest.raises(SystemExit) as exited:
        call_command("outbox_status")
    assert exited.value.code == 1
    assert "parked" in capsys.readouterr().out


def test_sent_rows_are_forgotten_after_the_keeping_period(settings):
    settings.OUTBOX_KEEP_DAYS = 14
    old = OutboxMessage.objects.create(task_name="tests.outbox_probe", state=OutboxState.SENT,
                                       sent_at=timezone.now() - timedelta(days=15))
    recent = OutboxMessage.objects.create(task_name="tests.outbox_probe",
                                          state=OutboxState.SENT, sent_at=timezone.now())

    assert outbox.outbox_sweep()["forgotten"] == 1
    assert list(OutboxMessage.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not OutboxMessage.objects.filter(pk=old.pk).exists()


def test_the_benchmark_prints_its_figures_and_leaves_no_rows(capsys):
    # Inside the test's transaction (a transactional test here would have to restore
    # serialized data after the browser tests' flushes: duplicate content types): the
    # relays wait for a commit that never comes, which this check does not need.
    call_command("outbox_benchmark", "--count", "3")

    out = capsys.readouterr().out
    assert "promise through the outbox: median" in out and "added per promise" in out
    assert not OutboxMessage.objects.exists()
    assert celery_app.conf.task_always_eager  # the embedded default is restored

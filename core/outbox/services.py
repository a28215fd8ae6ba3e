"""Writing to the outbox and relaying it to Celery.

outbox_enqueue is called by a service inside the transaction of its change; the
row commits or rolls back with it. After commit the row is relayed at once (the
fast path); a row the broker did not take waits for the periodic sweep
(outbox_sweep_task, every OUTBOX_SWEEP_SECONDS) or the next fast path. A row is
marked sent only once apply_async returned: with a broker, once the broker took the
message; in the embedded default (tasks run in-process), once the task ran. Tasks
are idempotent, so the rare second delivery (a crash between publishing and
marking) does no harm. Several web processes, workers and sweeps relay at once
safely: each claims its rows with SELECT ... FOR UPDATE SKIP LOCKED.
"""
import logging
import random
import time
from datetime import timedelta
from typing import Any, Iterable

from celery import current_app
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from core.outbox.models import OutboxMessage, OutboxState

logger = logging.getLogger(__name__)

#: Errors that mean the broker could not be reached (not that the task is wrong).
BROKER_ERRORS: tuple[type[BaseException], ...] = (KombuOperationalError, ConnectionError,
                                                  TimeoutError, OSError)
try:  # pragma: no branch - redis is installed with celery[redis]
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError
except ImportError:  # pragma: no cover
    pass
else:
    BROKER_ERRORS += (RedisConnectionError, RedisTimeoutError)

# While the broker is known to be down, the web's fast path leaves rows to the sweep
# instead of making every request wait for a connection that will fail.
_fast_path_paused_until = 0.0


def outbox_enqueue(*, task: Any, kwargs: dict | None = None,
                   dedupe_key: str | None = None) -> OutboxMessage:
    """Promise that `task` runs with `kwargs` once the current transaction commits.

    `task` is a Celery task or its registered name; `kwargs` must be JSON (ids, not
    rows). With `dedupe_key`, a promise already made under that key is returned
    instead of a second one. Call it inside the transaction of the change that
    causes the side effect. Raises KeyError when no such task is registered.
    """
    name = task if isinstance(task, str) else task.name
    current_app.tasks[name]  # noqa: B018  a typo fails here, in the caller's test
    values = {"task_name": name, "kwargs": kwargs or {}}
    if dedupe_key is None:
        message = OutboxMessage.objects.create(**values)
    else:
        message, _created = OutboxMessage.objects.get_or_create(
            dedupe_key=dedupe_key, defaults=values)
    message_id = message.pk
    transaction.on_commit(lambda: _relay_fast_path(message_id), robust=True)
    return message


def _relay_fast_path(message_id: int) -> None:
    if time.monotonic() < _fast_path_paused_until:
        return
    outbox_relay(ids=[message_id])


def _backoff(attempts: int) -> timedelta:
    base = min(settings.OUTBOX_RETRY_MAX_SECONDS,
               settings.OUTBOX_RETRY_FIRST_SECONDS * 2 ** max(attempts - 1, 0))
    return timedelta(seconds=base * random.uniform(0.8, 1.2))


def _claim(*, ids: Iterable[int] | None, limit: int) -> list[OutboxMessage]:
    rows = OutboxMessage.objects.filter(state=OutboxState.PENDING,
                                        next_attempt_at__lte=timezone.now())
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    if connection.features.has_select_for_update:
        rows = rows.select_for_update(
            skip_locked=connection.features.has_select_for_update_skip_locked)
    return list(rows.order_by("next_attempt_at", "pk")[:limit])


def _publish(message: OutboxMessage) -> None:
    task = current_app.tasks[message.task_name]
    # A savepoint: a task run in-process (the embedded default) that fails leaves
    # none of its writes behind, and the relay's own transaction goes on.
    with transaction.atomic():
        task.apply_async(kwargs=message.kwargs, retry=False)


def outbox_relay(*, ids: Iterable[int] | None = None, limit: int = 100) -> dict[str, int]:
    """Hand due pending rows (all, or those of `ids`) to Celery; return what happened.

    Each row is marked sent once apply_async returns. A broker that cannot be
    reached stops the batch and the rows wait OUTBOX_OUTAGE_RETRY_SECONDS, without
    counting as a failure of theirs; any other error counts, backs off
    exponentially, and parks the row with its error after OUTBOX_MAX_ATTEMPTS.
    """
    global _fast_path_paused_until
    counts = {"sent": 0, "failed": 0, "parked": 0, "deferred": 0}
    eager = current_app.conf.task_always_eager
    with transaction.atomic():
        rows = _claim(ids=ids, limit=limit)
        now = timezone.now()
        outage = None
        for message in rows:
            if outage is not None:
                message.next_attempt_at = now + timedelta(
                    seconds=settings.OUTBOX_OUTAGE_RETRY_SECONDS)
                counts["deferred"] += 1
                continue
            try:
                _publish(message)
            except Exception as exc:  # noqa: BLE001 - every failure is recorded on the row
                message.last_error = f"{type(exc).__name__}: {exc}"[:4000]
                if not eager and isinstance(exc, BROKER_ERRORS):
                    outage = exc
                    message.next_attempt_at = now + timedelta(
                        seconds=settings.OUTBOX_OUTAGE_RETRY_SECONDS)
                    counts["deferred"] += 1
                    continue
                message.attempts += 1
                if message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                    message.state = OutboxState.PARKED
                    counts["parked"] += 1
                    logger.error("Outbox: %s parked after %s attempts: %s",
                                 message.task_name, message.attempts, message.last_error)
                else:
                    message.next_attempt_at = now + _backoff(message.attempts)
                    counts["failed"] += 1
                    logger.warning("Outbox: %s failed (attempt %s): %s",
                                   message.task_name, message.attempts, message.last_error)
            else:
                message.state, message.sent_at = OutboxState.SENT, timezone.now()
                message.attempts += 1
                counts["sent"] += 1
        OutboxMessage.objects.bulk_update(
            rows, ["state", "attempts", "next_attempt_at", "last_error", "sent_at"])
    if outage is not None:
        _fast_path_paused_until = time.monotonic() + settings.OUTBOX_OUTAGE_RETRY_SECONDS
        logger.warning("Outbox: the broker does not answer (%s); %s rows wait for the sweep",
                       outage, counts["deferred"])
    return counts


def outbox_sweep(*, batch: int = 200, max_batches: int = 50) -> dict[str, int]:
    """Relay everything due, batch by batch, and forget sent rows past OUTBOX_KEEP_DAYS."""
    total = {"sent": 0, "failed": 0, "parked": 0, "deferred": 0}
    for _ in range(max_batches):
        counts = outbox_relay(limit=batch)
        for key, value in counts.items():
            total[key] += value
        if sum(counts.values()) < batch or counts["deferred"]:
            break
    cutoff = timezone.now() - timedelta(days=settings.OUTBOX_KEEP_DAYS)
    total["forgotten"], _ = OutboxMessage.objects.filter(
        state=OutboxState.SENT, sent_at__lt=cutoff).delete()
    return total


def outbox_retry(*, ids: Iterable[int]) -> int:
    """Make parked (or waiting) rows due now with a fresh count of attempts; return how many."""
    return OutboxMessage.objects.filter(
        pk__in=list(ids), state__in=[OutboxState.PARKED, OutboxState.PENDING]
    ).update(state=OutboxState.PENDING, attempts=0, next_attempt_at=timezone.now())

"""manage.py outbox_benchmark: what the outbox adds to a change that promises side effects.

Times, in committed transactions on the configured database, a change that promises
one side effect through the outbox (row written in the transaction, relayed after
commit, marked sent) against the same change handing the task to Celery directly
after commit (on_commit + apply_async, as before the outbox), median and 95th
percentile of --count runs each, interleaved. The task is a no-op published to the
configured broker, or to kombu's in-memory transport when none is configured (so
that nothing runs in-process). The rows it writes are deleted at the end.
"""
import statistics
import time

from celery import current_app
from django.core.management.base import BaseCommand
from django.db import transaction

from core.outbox.models import OutboxMessage
from core.outbox.services import outbox_enqueue
from core.outbox.tasks import outbox_ping_task

# Promises made by one approval (the curation event's emails, the photos following
# publication; a third, the index update, with Elasticsearch on) and one bank-transfer
# payment (the artisans' emails); placing an order promises none (Oscar emails the
# buyer itself, the database search rows are written in the order's transaction).
PROMISES = {"approval": 2, "order marked paid": 1, "order placement": 0}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Command(BaseCommand):
    help = "Time what the outbox adds to a change that promises a side effect."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=300)

    def handle(self, *args, count: int, **options):
        conf = current_app.conf
        saved = (conf.task_always_eager, conf.broker_url)
        if conf.task_always_eager:
            conf.update(task_always_eager=False, broker_url="memory://")
            current_app._after_fork()
        broker = conf.broker_url.split("@")[-1]
        with_outbox, direct = [], []
        try:
            for _ in range(count):
                started = time.perf_counter()
                with transaction.atomic():
                    outbox_enqueue(task=outbox_ping_task, kwargs={"sent_at": "benchmark"})
                with_outbox.append(time.perf_counter() - started)

                started = time.perf_counter()
                with transaction.atomic():
                    transaction.on_commit(lambda: outbox_ping_task.apply_async(
                        kwargs={"sent_at": "benchmark"}))
                direct.append(time.perf_counter() - started)
        finally:
            OutboxMessage.objects.filter(task_name=outbox_ping_task.name).delete()
            conf.update(task_always_eager=saved[0], broker_url=saved[1])
            current_app._after_fork()
        ms = 1000
        added = statistics.median(with_outbox) - statistics.median(direct)
        self.stdout.write(f"broker: {broker}; {count} runs each")
        self.stdout.write(
            f"promise through the outbox: median {statistics.median(with_outbox) * ms:.2f} ms, "
            f"p95 {_percentile(with_outbox, 0.95) * ms:.2f} ms")
        self.stdout.write(
            f"task handed over directly:  median {statistics.median(direct) * ms:.2f} ms, "
            f"p95 {_percentile(direct, 0.95) * ms:.2f} ms")
        self.stdout.write(f"added per promise: {added * ms:.2f} ms")
        for change, promises in PROMISES.items():
            self.stdout.write(f"  {change}: {promises} promise(s), + {promises * added * ms:.2f} ms")

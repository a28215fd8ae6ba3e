"""A worker killed mid-task (SIGKILL): its task is done after a restart, once (issue 12, item 3).

Tasks are acknowledged when they end (CELERY_TASK_ACKS_LATE), so the killed worker's
task stays unacked on Redis; once it has been unacked for the broker's visibility
timeout (CELERY_BROKER_TRANSPORT_OPTIONS, here 3 s through CELERY_VISIBILITY_TIMEOUT)
the next worker takes it back and runs it. A redis-server of the test's own is the
broker; the workers are real `celery worker` processes (tests/worker.py).
"""
import os
import signal
import time

import pytest
from django.conf import settings

from tests.integration.shop.killed_worker_tasks import slow_note
from tests.worker import (
    RedisServer,
    celery_worker_process,
    in_process_broker,
    log_tail,
    private_queue,
    require_redis_server,
    worker_stop,
)

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="runs in the PostgreSQL pass (`make test` runs both passes)",
    ),
]

VISIBILITY_TIMEOUT = 3
TASK_SECONDS = 3
TASKS_MODULE = "tests.integration.shop.killed_worker_tasks"


def wait_for(condition, timeout: float, what: str, log) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} within {timeout} s: {log_tail(log)}")
        time.sleep(0.1)


def test_a_task_whose_worker_was_killed_is_done_by_the_next_worker_once(tmp_path):
    require_redis_server()
    redis = RedisServer(tmp_path / "redis.log").start()
    queue, notes, log = private_queue(), tmp_path / "notes.txt", tmp_path / "worker.log"
    notes.touch()

    def lines() -> list[str]:
        return notes.read_text().split()[::2]

    def worker():
        return celery_worker_process(
            broker_url=redis.url, queue=queue, mail_dir=tmp_path / "mail", log=log,
            env={"CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)}, include=[TASKS_MODULE])

    first = second = None
    try:
        # given a worker in the middle of a task
        first = worker()
        with in_process_broker(redis.url, queue):
            slow_note.apply_async(kwargs={"path": str(notes), "seconds": TASK_SECONDS})
        wait_for(lambda: lines() == ["start"], 60, "the first worker did not start the task", log)

        # when it is killed (no warm shutdown: nothing is handed back), and another
        # worker starts once the visibility timeout has passed
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        time.sleep(VISIBILITY_TIMEOUT + 0.5)
        second = worker()

        # then the task is done, by the second worker, and once
        wait_for(lambda: "done" in lines(), 60, "the task was not done again", log)
        time.sleep(VISIBILITY_TIMEOUT + 2)  # another redelivery would have started by now
        assert lines() == ["start", "start", "done"], notes.read_text()
        pids = notes.read_text().split()[1::2]
        assert pids[0] == str(first.pid) and pids[1] == pids[2] == str(second.pid)
    finally:
        for process in (first, second):
            if process is not None:
                worker_stop(process)
        redis.stop()

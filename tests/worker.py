"""A real `celery worker` process for the integration tests, and a Redis of a test's own.

The worker is a separate process (`python -m celery -A shop worker --pool solo`) on a
private queue, with the production settings (shop.settings.base) pointed at the test
database, media folders and a folder of emails (filemail). Such tests run in the
PostgreSQL pass of `make test`: the worker must see the rows the test committed, which
SQLite's in-memory test database cannot share.

`in_process_broker` points this process's Celery app at the same broker and queue (not
eager), so what the test's services promise reaches the worker. `RedisServer` is a
`redis-server` started by the test on a free port, which the test may stop and start
again (a broker outage) without touching the Redis other tests share.
"""
import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from email import message_from_string
from email.header import decode_header, make_header
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import quote

import pytest
from django.conf import settings

from shop.celery import app as celery_app
from tests.services import require

ROOT = Path(__file__).resolve().parents[1]
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


#: The marks of a test that runs a real worker: Redis, the PostgreSQL pass (skipped
#: on SQLite before any database setup: a transactional test there would flush it),
#: and committed transactions that the worker process can see.
WORKER_TEST_MARKS = [
    pytest.mark.redis,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="runs in the PostgreSQL pass (`make test` runs both passes)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def database_url(db: dict | None = None) -> str:
    """The URL of the test database, password included, for the worker process."""
    db = db or settings.DATABASES["default"]
    credentials = quote(db["USER"] or "postgres")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"])
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def reset_producer_pool() -> None:
    """Make the in-process app connect anew with the broker URL just configured.

    The same reset Celery does after a fork: forget the connection and producer
    pools (closing them would close kombu's shared pools under other users).
    """
    celery_app._after_fork()


def private_queue() -> str:
    return f"test-{os.getpid()}-{time.monotonic_ns()}"


@contextmanager
def in_process_broker(broker_url: str, queue: str) -> Iterator[None]:
    """This process's Celery app publishes to `broker_url`'s `queue` (not eager) meanwhile."""
    old = (celery_app.conf.broker_url, celery_app.conf.task_always_eager,
           celery_app.conf.task_default_queue)
    celery_app.conf.update(broker_url=broker_url, task_always_eager=False,
                           task_default_queue=queue)
    reset_producer_pool()
    try:
        yield
    finally:
        celery_app.conf.update(broker_url=old[0], task_always_eager=old[1],
                               task_default_queue=old[2])
        reset_producer_pool()


def celery_worker_process(*, broker_url: str, queue: str, mail_dir: Path, log: Path,
                          env: dict | None = None, include: Iterable[str] = ()
                          ) -> subprocess.Popen:
    """Start a real `celery worker` (solo pool) consuming `queue` on `broker_url`.

    It shares the test database, MEDIA_ROOT and PRIVATE_MEDIA_ROOT (read from the
    settings now, so call it after they are set), writes its emails as files in
    `mail_dir` and its output to `log`. `env` adds or overrides environment variables
    (CELERY_VISIBILITY_TIMEOUT, say); `include` names modules the worker imports at
    start (tasks registered only by a test module).
    """
    worker_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "shop.settings.base",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker_url,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),  # a draft's photos are private
        "EMAIL_URL": f"filemail:///{mail_dir}",
        "LOG_LEVEL": "WARNING",
        **(env or {}),
    }
    command = [sys.executable, "-m", "celery", "-A", "shop", "worker", "--pool", "solo",
               "--queues", queue, "--loglevel", "WARNING", "--without-heartbeat",
               "--without-gossip", "--without-mingle"]
    includes = list(include)
    if includes:
        command += ["--include", ",".join(includes)]
    # Output to a file, not a pipe nobody reads: a worker logging a broker outage
    # would fill the pipe and stop.
    with open(log, "ab") as out:
        return subprocess.Popen(command, cwd=ROOT, env=worker_env, stdout=out,
                                stderr=subprocess.STDOUT)


def worker_stop(process: subprocess.Popen, timeout: float = 20) -> None:
    """Ask the worker to stop (warm shutdown); kill it if it has not after `timeout` s."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def require_redis_server() -> None:
    """Skip (locally) or fail (in CI) when the redis-server program is missing."""
    require("redis-server", os.access(REDIS_SERVER, os.X_OK),
            f"{REDIS_SERVER} is missing (apt-get install redis-server)")


class RedisServer:
    """A `redis-server` of the test's own on a free port, keeping nothing on disk.

    stop() ends it (every connection to it fails); start() again listens on the
    same port, empty.
    """

    def __init__(self, log: Path):
        self.port = free_port()
        self.log = log
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10) -> "RedisServer":
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(
                [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1",
                 "--save", "", "--appendonly", "no", "--daemonize", "no"],
                stdout=out, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while not port_answers(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"redis-server did not start on port {self.port}: "
                                     f"{self.log.read_text()[-2000:]}")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while port_answers(self.port) and time.monotonic() < deadline:
            time.sleep(0.05)


def log_tail(path: Path, chars: int = 3000) -> str:
    """The end of a worker's or Redis's log, for a failing assertion's message."""
    return path.read_text(errors="replace")[-chars:] if path.exists() else "(no log)"


def worker_wait_ready(process: subprocess.Popen, log: Path, timeout: float = 45) -> None:
    """Wait until the worker answers a ping over the in-process app's broker.

    Only for a broker of the test's own: on a shared one another test's worker
    could answer.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the worker exited ({process.returncode}): {log_tail(log)}")
        if celery_app.control.ping(timeout=0.5):
            return
    raise AssertionError(f"the worker did not answer in {timeout} s: {log_tail(log)}")


def mail_recipients(mail_dir: Path) -> list[str]:
    """The recipient of every email the worker wrote (filemail: one To: per message)."""
    return [to for to, _subject in mail_headers(mail_dir)]


def mail_headers(mail_dir: Path) -> list[tuple[str, str]]:
    """(To, Subject) of every email the worker wrote, for counting and for messages."""
    if not mail_dir.exists():
        return []
    headers = []
    for path in sorted(mail_dir.glob("*.log")):
        # Django's file backend writes each message followed by a line of 79 dashes.
        for text in path.read_text(errors="replace").split("\n" + "-" * 79 + "\n"):
            message = message_from_string(text.strip())
            if message["To"]:
                subject = str(make_header(decode_header(message["Subject"] or "")))
                headers.append((str(message["To"]).strip(), subject))
    return headers

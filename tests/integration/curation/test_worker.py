"""Curation emails delivered by a real Celery worker over Redis, after commit.

Runs in the PostgreSQL pass of `make test`: the worker is a separate process and
must see the rows the test committed, which SQLite's in-memory test database cannot
share. Redis missing: skipped locally, a failure in CI.
"""
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from curation import services
from shop.celery import app as celery_app
from tests.services import REDIS_URL, require_redis

ROOT = Path(__file__).resolve().parents[3]

pytestmark = [
    pytest.mark.redis,
    # Skipped before any database setup: a transactional test on SQLite would flush it.
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="runs in the PostgreSQL pass (`make test` runs both passes)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def worker(tmp_path):
    """A real `celery worker` process on a private Redis database and queue."""
    require_redis()
    queue = f"test-{os.getpid()}-{time.monotonic_ns()}"
    db = settings.DATABASES["default"]
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "shop.settings.base",
        "DATABASE_URL": database_url(db),
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "EMAIL_URL": f"filemail:///{mail_dir}",
        "LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "shop", "worker", "--pool", "solo",
         "--queues", queue, "--loglevel", "WARNING", "--without-heartbeat",
         "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    old = (celery_app.conf.broker_url, celery_app.conf.task_always_eager,
           celery_app.conf.task_default_queue)
    celery_app.conf.update(broker_url=REDIS_URL, task_always_eager=False,
                           task_default_queue=queue)
    reset_producer_pool()
    yield mail_dir
    celery_app.conf.update(broker_url=old[0], task_always_eager=old[1],
                           task_default_queue=old[2])
    reset_producer_pool()
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def database_url(db: dict) -> str:
    """The URL of the test database, password included, for the worker process."""
    from urllib.parse import quote

    credentials = quote(db["USER"] or "postgres")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"])
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def reset_producer_pool():
    """Make the in-process app connect anew with the broker URL just configured.

    The same reset Celery does after a fork: forget the connection and producer
    pools (closing them would close kombu's shared pools under other users).
    """
    celery_app._after_fork()


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

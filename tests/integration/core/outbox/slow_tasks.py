"""A task registered only for the worker-killed test (the worker imports it with --include).

Its first run dawdles long enough for the test to SIGKILL the worker in it; any later
run goes straight to its effect, an email sent through the shop's once-per-recipient
ledger (core.notifications.notification_send), as every email task of the shop does.
Each run leaves a file in `runs_dir`, so the test can see a run start and count them.
"""
import os
import time
from pathlib import Path

from celery import shared_task

from core.notifications import notification_send

FIRST_RUN_SECONDS = 120


@shared_task(name="tests.outbox.slow_email", ignore_result=True)
def slow_email(*, key: str, recipient: str, runs_dir: str) -> bool:
    runs = Path(runs_dir)
    runs.mkdir(parents=True, exist_ok=True)
    (runs / f"run-{os.getpid()}-{time.monotonic_ns()}").touch()
    if len(list(runs.iterdir())) == 1:
        time.sleep(FIRST_RUN_SECONDS)  # killed here by the test
    return notification_send(key=key, recipient=recipient, subject="Pesanan Anda dikirim",
                             body="Paket Anda sudah di jalan.")

"""A task registered only for tests/integration/shop/test_worker_killed.py: it notes
each start and end in a file, and takes its time in between."""
import os
import time
from pathlib import Path

from celery import shared_task


@shared_task
def slow_note(*, path: str, seconds: float) -> None:
    """Append "start <pid>", wait `seconds`, append "done <pid>"."""
    notes = Path(path)
    with notes.open("a") as out:
        out.write(f"start {os.getpid()}\n")
    time.sleep(seconds)
    with notes.open("a") as out:
        out.write(f"done {os.getpid()}\n")

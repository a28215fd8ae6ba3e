"""The broker's transport options: a killed worker's task comes back in minutes, and
no task waiting for its retry is handed out twice (issue 12, item 3)."""
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings

from shop.celery import app

#: A task's own run, on top of its countdown, while it is unacked.
LONGEST_RUN_SECONDS = 60


def longest_retry_countdown(task) -> int:
    """The longest countdown the task's automatic retries ask for (its last retry)."""
    if not getattr(task, "autoretry_for", ()):
        return 0
    backoff = getattr(task, "retry_backoff", False)
    if not backoff:
        return int(task.default_retry_delay)
    return get_exponential_backoff_interval(
        factor=int(max(1.0, float(backoff))), retries=max(task.max_retries - 1, 0),
        maximum=int(getattr(task, "retry_backoff_max", 600)), full_jitter=False,
    )


def our_tasks():
    app.loader.import_default_modules()
    return {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}


def test_a_killed_workers_task_is_handed_out_again_within_minutes_not_an_hour():
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS

    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    assert options["visibility_timeout"] <= 30 * 60


def test_no_task_waiting_for_its_retry_outlasts_the_visibility_timeout():
    # given every task the worker runs
    tasks = our_tasks()
    assert "curation.tasks.curation_event_notify" in tasks

    # then each one's longest retry countdown and run end before Redis hands it out again
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    too_long = {name: longest_retry_countdown(task) for name, task in tasks.items()
                if longest_retry_countdown(task) + LONGEST_RUN_SECONDS >= timeout}
    assert not too_long, f"visibility_timeout {timeout} s: {too_long}"


def test_a_hanging_broker_never_holds_a_publish_forever():
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS

    assert 0 < options["socket_connect_timeout"] <= 5
    assert 0 < options["socket_timeout"] <= 10

"""Running calls at the same moment on PostgreSQL, for the race tests."""
import threading

import pytest
from django.conf import settings
from django.db import connections

#: The markers of a race test module: skipped before any database setup on SQLite (a
#: transactional test there would flush the database), transactional on PostgreSQL.
POSTGRES_RACE = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="row locks are PostgreSQL's; runs in the PostgreSQL pass of `make test`",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def run_at_once(*calls, refused=(Exception,)):
    """Run each call in its own thread and database connection, released together.

    Returns each call's result, or the error it raised when that error is one of
    `refused` (the named errors the services refuse with).
    """
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def runner(i, call):
        try:
            barrier.wait()
            outcomes[i] = call()
        except refused as error:
            outcomes[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return outcomes

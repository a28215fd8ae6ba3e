"""Keeping the search index current when products change.

The database backend's rows are written at once, in the caller's transaction: a
product approved is found in the same request, and a rollback takes the rows back
with it. They are written with Elasticsearch on too: they are what the storefront
answers from when Elasticsearch is down. Elasticsearch is told by a Celery task
after commit, so a rolled-back change never reaches it.
"""
from django.conf import settings

from core.outbox.services import outbox_enqueue


def products_index_after_change(*, product_ids) -> None:
    """Bring the index up to date for these products (variants count as their parent).

    Raises nothing of its own; the database backend's writes fail with the
    caller's transaction.
    """
    product_ids = sorted({int(pk) for pk in product_ids if pk is not None})
    if not product_ids:
        return
    from search.backends.database import DatabaseBackend

    DatabaseBackend().products_index(product_ids)
    if getattr(settings, "SEARCH_BACKEND", "database") == "elasticsearch":
        from search.tasks import products_index_task

        outbox_enqueue(task=products_index_task, kwargs={"product_ids": list(product_ids)})


def index_rebuild(*, progress=None) -> dict[str, int]:
    """Rebuild the database backend's rows and, when it is on, Elasticsearch's index.

    Returns how many products each holds, by backend name.
    """
    from search.backends import search_backend
    from search.backends.database import DatabaseBackend

    counts = {"database": DatabaseBackend().rebuild(progress=progress)}
    if getattr(settings, "SEARCH_BACKEND", "database") == "elasticsearch":
        counts["elasticsearch"] = search_backend().rebuild(progress=progress)
    return counts

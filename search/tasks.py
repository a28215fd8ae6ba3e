"""Celery tasks of search: index upkeep for the Elasticsearch backend."""
from celery import shared_task

from search.backends import search_backend


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def products_index_task(*, product_ids: list[int]) -> None:
    """Bring these products up to date in the index; safe to run twice (it reads fresh rows)."""
    search_backend().products_index(product_ids)

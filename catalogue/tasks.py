"""Catalogue jobs run by Celery. Each takes ids, loads fresh rows and is safe to run twice."""
import logging

from celery import shared_task

from catalogue import photo_storage, photos
from catalogue.errors import InvalidPhoto

logger = logging.getLogger(__name__)


# Storage that is briefly unreachable (a network file system, S3): retry after
# about 10 s, 20 s, 40 s ... (jittered). A file that is not a photo is not retried.
@shared_task(autoretry_for=(OSError,), retry_backoff=10, retry_backoff_max=10 * 60,
             retry_jitter=True, max_retries=5)
def product_image_renditions_make(*, image_id: int, force: bool = False) -> list[str]:
    """Make a product photo's renditions (catalogue.photos.RENDITIONS); returns their names."""
    try:
        made = photos.product_image_renditions_make(image_id=image_id, force=force)
    except InvalidPhoto as exc:
        # The page keeps using the original; nothing a retry could change.
        logger.warning("No renditions for product image %s: %s", image_id, exc)
        return []
    return sorted(made)


@shared_task(autoretry_for=(OSError,), retry_backoff=10, retry_backoff_max=10 * 60,
             retry_jitter=True, max_retries=8)
def product_photos_follow_task(*, product_id: int) -> int:
    """After a product is published or taken off: move its photos (catalogue.photo_storage)."""
    return photo_storage.product_photos_follow(product_id=product_id)


@shared_task
def pending_photos_remove_expired_task() -> int:
    """Beat: delete photos kept for a form that was never sent again (older than a day)."""
    return photos.pending_photos_remove_expired()

"""Photos kept for a form that was never sent again are removed after a day."""
import os
import time
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from catalogue import photos
from catalogue.tasks import pending_photos_remove_expired_task
from core.storages import private_storage


@pytest.fixture
def kept(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)  # kept photos are private
    old = private_storage().save(f"{photos.PENDING_DIR}/7/old.jpg", ContentFile(b"x"))
    new = private_storage().save(f"{photos.PENDING_DIR}/7/new.jpg", ContentFile(b"y"))
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(private_storage().path(old), (two_days_ago, two_days_ago))
    return old, new


def test_only_expired_kept_photos_are_removed(kept):
    old, new = kept
    assert pending_photos_remove_expired_task() == 1
    assert not private_storage().exists(old) and private_storage().exists(new)
    assert photos.pending_photos_remove_expired(now=timezone.now() + timedelta(days=2)) == 1
    assert not private_storage().exists(new)


def test_nothing_kept_is_nothing_to_do(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)  # kept photos are private
    assert photos.pending_photos_remove_expired() == 0

"""A full, read-only or broken photo storage gets a clear message and leaves nothing
half-written: no product, no stray file, and what was typed is kept."""
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from catalogue.errors import PhotoNotStored
from catalogue.models import Product
from catalogue.photos import photo_writes_undone_on_failure, storage_file_save
from core.storages import private_storage
from tests.support.photos import photo_upload

from tests.integration.artisans.portal.helpers import create_url, product_post

pytestmark = pytest.mark.django_db

TYPED = {"title": "Batik di Disk Penuh", "description": "Diketik di ponsel.",
         "attr_motif": "Parang", "price": "750000", "num_in_stock": "2"}


@pytest.fixture
def unwritable_storage(settings, tmp_path):
    """Photo folders that cannot be created: a plain file stands where the folder goes
    (a real OSError from the filesystem, as on a full or read-only disk; root ignores
    permission bits, so a read-only folder would not do here)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.MEDIA_ROOT = str(blocker / "media")
    settings.PRIVATE_MEDIA_ROOT = str(blocker / "private-media")
    return blocker


def test_a_product_form_with_photos_on_an_unwritable_storage_is_refused_clearly(
        artisan_client, craft, category, unwritable_storage):
    data = product_post(craft, category, **TYPED)
    data["photos"] = [photo_upload("satu.jpg"), photo_upload("dua.jpg")]

    artisan_client.cookies["django_language"] = "en"
    response = artisan_client.post(create_url(craft), data)

    assert response.status_code == 200
    assert not Product.objects.filter(title=TYPED["title"]).exists()
    errors = response.context["form"].errors["photos"]
    assert any("could not be stored just now" in error for error in errors), errors
    content = response.content.decode()
    assert f'value="{TYPED["title"]}"' in content and f'value="{TYPED["price"]}"' in content


def test_files_written_before_a_failure_are_removed(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    storage = private_storage()

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    broken = FileSystemStorage(location=str(blocker / "media"))

    with pytest.raises(PhotoNotStored), photo_writes_undone_on_failure():
        first = storage_file_save(storage, "pending-photos/1/a.jpg", ContentFile(b"x"))
        assert storage.exists(first)
        storage_file_save(broken, "b/b.jpg", ContentFile(b"y"))

    assert not os.path.exists(tmp_path / "private" / "pending-photos" / "1" / "a.jpg")


def test_a_block_that_succeeds_keeps_its_files(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    with photo_writes_undone_on_failure():
        name = storage_file_save(private_storage(), "kept/a.jpg", ContentFile(b"x"))
    assert private_storage().exists(name)

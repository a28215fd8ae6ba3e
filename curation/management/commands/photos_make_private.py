"""Move the photos that are not public out of the public media storage. Safe to run again.

    manage.py photos_make_private

Run once after upgrading to the private storage (core.storages): evidence photos,
revision photos and photos kept for a form, stored before it, are moved from
MEDIA_ROOT (or the public bucket) to the private storage, under the same names;
then every product's photos are put where its state says (catalogue.photo_storage):
private unless published.
A file already moved is left alone, so a second run moves nothing.
"""
from django.core.files.storage import storages
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q

from catalogue.models import Artisan, Product
from catalogue.photo_storage import artisan_photo_follow, product_photos_follow
from catalogue.photos import PENDING_DIR, photo_writes_undone_on_failure
from curation.models import Evidence, RevisionImage
from core.storages import private_storage


def file_make_private(name: str) -> bool:
    """Move one file, by name, from the public media storage to the private one.

    Returns whether it was moved. Raises OSError when storage fails.
    """
    public, private = storages["default"], private_storage()
    if not name or not public.exists(name):
        return False
    if not private.exists(name):
        with public.open(name, "rb") as source:
            saved = private.save(name, source)
        if saved != name:  # the storage would not keep the name: leave the public file
            private.delete(saved)
            raise OSError(f"the private storage renamed {name} to {saved}")
    public.delete(name)
    return True


def public_pending_photos() -> list[str]:
    """Photos kept for a form (catalogue.photos.PENDING_DIR) in the public storage."""
    public = storages["default"]
    try:
        artisan_dirs, _files = public.listdir(PENDING_DIR)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [f"{PENDING_DIR}/{folder}/{name}" for folder in artisan_dirs
            for name in public.listdir(f"{PENDING_DIR}/{folder}")[1]]


class Command(BaseCommand):
    help = ("Move evidence, revision photos, unpublished products' photos and the portraits "
            "of businesses not verified to private storage (and back what is now public).")

    def handle(self, *args, **options):
        names = [*Evidence.objects.values_list("image", flat=True),
                 *RevisionImage.objects.values_list("original", flat=True),
                 *public_pending_photos()]
        files = sum(file_make_private(name) for name in names)
        products = (
            Product.objects.filter(Q(images__isnull=False) | Q(children__images__isnull=False))
            .filter(parent__isnull=True).distinct().order_by("pk").values_list("pk", flat=True)
        )
        photos = sum(product_photos_follow(product_id=pk) for pk in products.iterator())
        portraits = 0
        for artisan_id in Artisan.objects.exclude(photo="").values_list("pk", flat=True):
            with photo_writes_undone_on_failure(), transaction.atomic():
                artisan = Artisan.objects.select_for_update().get(pk=artisan_id)
                portraits += artisan_photo_follow(artisan=artisan)
        self.stdout.write(
            f"{files} evidence, revision and kept photos moved to the private storage; "
            f"{photos} product photo files and {portraits} portraits moved to where "
            f"their product's state or their business's verification says."
        )

"""Store again, through the photo pipeline, the artisans' portraits saved before it.

    manage.py portraits_normalise

Portraits used to be stored as sent: a HEIC photo under a .jpg name (served as
image/jpeg), the whole EXIF with the GPS of the maker's home. Each portrait that
is not what catalogue.photos makes is prepared again (upright, stripped, HEIC as
JPEG) under a new name and the old file removed. Safe to run again: a portrait
already clean is left alone.
"""
from django.core.management.base import BaseCommand

from catalogue.errors import InvalidPhoto
from catalogue.portraits import artisan_photo_normalise
from catalogue.models import Artisan


class Command(BaseCommand):
    help = "Store the artisans' portraits saved before the photo pipeline again, stripped."

    def handle(self, *args, **options):
        replaced = failed = 0
        artisan_ids = (Artisan.objects.exclude(photo="").exclude(photo__isnull=True)
                       .order_by("pk").values_list("pk", flat=True))
        for artisan_id in artisan_ids.iterator():
            try:
                replaced += artisan_photo_normalise(artisan_id=artisan_id)
            except (InvalidPhoto, OSError) as exc:
                failed += 1
                self.stderr.write(f"artisan {artisan_id}: {exc}")
        self.stdout.write(f"Portraits stored again: {replaced}; could not be read: {failed}.")

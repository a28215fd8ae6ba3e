"""Make the renditions of product photos that exist already (the demo's, for one).

    manage.py renditions_make             every photo, made again
    manage.py renditions_make --missing   only photos without all their renditions
    manage.py renditions_make --queue     hand them to the Celery workers instead
"""
from django.core.management.base import BaseCommand

from catalogue import photos
from catalogue.errors import InvalidPhoto
from catalogue.models import ProductImage
from catalogue.tasks import product_image_renditions_make


class Command(BaseCommand):
    help = "Make the renditions (thumbnail, card, large, WebP) of product photos."

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true",
                            help="only photos that lack one of their renditions")
        parser.add_argument("--queue", action="store_true",
                            help="queue Celery tasks instead of making them here")

    def handle(self, *args, missing: bool, queue: bool, **options):
        images = ProductImage.objects.order_by("pk").values_list("pk", "renditions")
        wanted = set(photos.RENDITIONS)
        ids = [pk for pk, renditions in images.iterator()
               if not missing or set(renditions or {}) != wanted]
        made = failed = 0
        for image_id in ids:
            if queue:
                product_image_renditions_make.delay(image_id=image_id, force=not missing)
                made += 1
                continue
            try:
                photos.product_image_renditions_make(image_id=image_id, force=not missing)
            except (InvalidPhoto, OSError) as exc:
                failed += 1
                self.stderr.write(f"photo {image_id}: {exc}")
            else:
                made += 1
        verb = "queued" if queue else "made"
        self.stdout.write(f"Renditions {verb} for {made} photos; {failed} failed.")

"""Loading the demo marketplace into an empty database (manage.py load_demo_crafts)."""
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from oscar.checks import use_productcategory_materialised_view

from demo.accounts import demo_users_create
from demo.criteria import demo_criteria_create
from demo.members import artisans_create, curators_create, regions_create, site_configure
from demo.photos import product_photo
from demo.specs import ProductSpec, product_specs
from demo.writer import Catalogue, Team, products_write
from catalogue.models import Product, Region

#: Products 0..PHOTO_POOL-1 get a photo of their own; later ones reuse photo i % PHOTO_POOL.
PHOTO_POOL = 500
#: Products written per round of bulk inserts: bounds memory for large demos.
CHUNK = 2000


class DemoDatabaseNotEmpty(Exception):
    """The database already has regions or products; the demo only fills an empty one."""


@dataclass(frozen=True)
class DemoLoaded:
    products: int
    photos: int
    states: dict[str, int]
    regions: int
    artisans: int


def demo_database_is_empty() -> bool:
    """Whether no region and no product exist (the craft classes do not count)."""
    return not (Region.objects.exists() or Product.objects.exists())


def demo_load(*, products: int = 200, seed: int = 1, now: datetime | None = None,
              progress: Callable[[str], None] | None = None) -> DemoLoaded:
    """Fill an empty database with the demo marketplace, in one transaction.

    The same seed gives the same regions, businesses, accounts and products (titles,
    prices, attributes, states, photos); times are counted back from `now`.
    Raises DemoDatabaseNotEmpty if regions or products exist.
    """
    if not demo_database_is_empty():
        raise DemoDatabaseNotEmpty("The database already has regions or products.")
    now = now or timezone.now().replace(microsecond=0)
    progress = progress or (lambda message: None)
    states: Counter = Counter()
    with transaction.atomic():
        site_configure()
        regions = regions_create()
        users = demo_users_create()
        curators = curators_create(regions=regions, users=users)
        makers = artisans_create(seed=seed, now=now, regions=regions, users=users,
                                 curators=curators)
        team = Team(makers=makers, curators=curators)
        demo_criteria_create()
        catalogue = Catalogue.load()
        photos: dict[int, str] = {}
        specs = product_specs(seed=seed, count=products, now=now,
                              claim_hours=settings.CURATION_CLAIM_HOURS)
        for chunk in _chunks(specs, CHUNK):
            products_write(chunk, catalogue=catalogue, team=team,
                           photos=_photos_store(chunk, seed=seed, pool=photos))
            states.update(spec.state for spec in chunk)
            progress(f"{chunk[-1].index + 1} / {products} products")
        _category_view_refresh()
        # The products were written in bulk, past the services that index them.
        from search.backends.database import DatabaseBackend

        progress("search index")
        DatabaseBackend().rebuild()
    return DemoLoaded(products=products, photos=len(photos), states=dict(states),
                      regions=len(regions), artisans=len(makers))


def _chunks(items: Iterable[ProductSpec], size: int) -> Iterator[list[ProductSpec]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _photos_store(specs: list[ProductSpec], *, seed: int, pool: dict[int, str]) -> dict[int, str]:
    """Draw and store the photos of the pool's products; the names of every spec's photo."""
    for spec in specs:
        if spec.index < PHOTO_POOL:
            name = f"images/products/demo/seed-{seed}/{spec.index:05d}.jpg"
            if default_storage.exists(name):  # left by an earlier load of this seed
                default_storage.delete(name)
            photo = product_photo(seed=seed, index=spec.index, craft=spec.craft,
                                  title=spec.design.title)
            pool[spec.index] = default_storage.save(name, ContentFile(photo))
    return {spec.index: pool[spec.index % PHOTO_POOL] for spec in specs}


def _category_view_refresh() -> None:
    # Oscar refreshes this PostgreSQL view on ProductCategory signals, which
    # bulk_create does not send.
    if use_productcategory_materialised_view():
        with connection.cursor() as cursor:
            cursor.execute("REFRESH MATERIALIZED VIEW catalogue_product_category_hierarchy")

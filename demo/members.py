"""The demo's councils and their members: regions, curators and artisan businesses."""
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.sites.models import Site
from oscar.apps.address.models import Country

from demo.accounts import curator_username
from demo.places import ARTISANS, REGIONS, REGIONS_BY_KEY, DemoArtisan
from catalogue.models import Artisan, ProductClass, Region
from curation.models import Curator
from partner.models import Partner

LEAD_REGION = "babel"


@dataclass(frozen=True)
class Maker:
    """What the product writer needs of one artisan business."""

    artisan_id: int
    partner_id: int
    user_id: int
    region_key: str


def site_configure() -> None:
    """Name the site and point it at the development server; add Indonesia if missing."""
    Site.objects.update_or_create(pk=1, defaults={"domain": "127.0.0.1:8000",
                                                  "name": "Pasar Kriya"})
    Country.objects.get_or_create(
        iso_3166_1_a2="ID",
        defaults={"iso_3166_1_a3": "IDN", "iso_3166_1_numeric": "360",
                  "printable_name": "Indonesia", "name": "Republic of Indonesia",
                  "is_shipping_country": True},
    )


def regions_create() -> dict[str, Region]:
    """One Region per demo council, by its key."""
    return {
        region.key: Region.objects.create(
            name=region.name, kind=region.kind, province=region.province, slug=region.slug,
            description_id=region.description_id, description_en=region.description_en,
        )
        for region in REGIONS
    }


def curators_create(*, regions: dict[str, Region], users: dict) -> dict[str, int]:
    """One curator per region (the province's is the lead); returns user ids by region key."""
    curator_users = {}
    for key, region in regions.items():
        user = users[curator_username(REGIONS_BY_KEY[key])]
        curator = Curator.objects.create(user=user, is_lead=key == LEAD_REGION)
        curator.regions.set([region])
        curator_users[key] = user.pk
    return curator_users


def artisans_create(*, seed: int, now: datetime, regions: dict[str, Region],
                    users: dict) -> dict[str, Maker]:
    """Every demo business with its Oscar partner and one login; returns them by slug."""
    classes = {c.slug: c for c in ProductClass.objects.all()}
    makers = {}
    for demo in ARTISANS:
        rng = random.Random(f"{seed}:artisan:{demo.slug}")
        user = users[demo.slug]
        partner = Partner.objects.create(name=demo.name)
        partner.users.add(user)
        artisan = Artisan.objects.create(partner=partner, region=regions[demo.region],
                                         **_artisan_fields(demo, rng, now, email=user.email))
        artisan.crafts.set([classes[slug] for slug in demo.crafts])
        makers[demo.slug] = Maker(artisan.pk, partner.pk, user.pk, demo.region)
    return makers


def _artisan_fields(demo: DemoArtisan, rng: random.Random, now: datetime, *,
                    email: str) -> dict:
    region = REGIONS_BY_KEY[demo.region]
    makers = rng.randint(3, 25)
    return {
        "name": demo.name, "slug": demo.slug,
        "story_id": (
            f"{demo.name} didirikan oleh {demo.owner} pada {demo.founded} di {demo.place}, "
            f"{region.display_name}. Dikenal dengan {demo.known_for_id}, usaha ini bekerja "
            f"bersama {makers} perajin dari lingkungan sekitar dan menjaga cara kerja yang "
            "diwariskan turun-temurun."
        ),
        "story_en": (
            f"{demo.name} was founded by {demo.owner} in {demo.founded} in {demo.place}, "
            f"{region.display_name}. Known for {demo.known_for_en}, the business works with "
            f"{makers} makers from the neighbourhood and keeps to methods handed down "
            "through generations."
        ),
        "nib": str(rng.randrange(10**12, 10**13)),
        "phone": f"+62 81{rng.randint(1, 9)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
        "email": email,
        "address": f"{demo.place}, {region.display_name}, {region.province}",
        "is_verified": demo.verified,
        "verified_at": now - timedelta(days=rng.randint(30, 900)) if demo.verified else None,
    }

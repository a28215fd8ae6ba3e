"""The demo's councils and their members: regions, curators and artisan businesses."""
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from oscar.apps.address.models import Country

from demo.accounts import curator_username
from demo.places import ARTISANS, REGIONS, REGIONS_BY_KEY, DemoArtisan
from artisans.joining.events import admission_event_record
from artisans.models import TRANSITIONS
from catalogue.models import AdmissionState, Artisan, ProductClass, Region
from curation.models import Curator
from partner.models import Partner

User = get_user_model()
LEAD_REGION = "babel"
#: The council's notes in the demo's admission histories.
VERIFIED_NOTE = "NIB cocok dengan data OSS; bengkel sudah dikunjungi."
DECLINED_NOTE = ("NIB belum cocok dengan data OSS dan foto bengkel belum ada; "
                 "mohon periksa dan kirim lagi.")


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


def artisans_create(*, seed: int, now: datetime, regions: dict[str, Region], users: dict,
                    curators: dict[str, int]) -> dict[str, Maker]:
    """Every demo business with its Oscar partner, one login and its admission history;
    returns them by slug.

    A verified business applied and was verified by its region's curator (`curators`:
    user ids by region key); of the businesses still waiting, every other one was
    declined once and applied again, so the council's pages show a history.
    """
    classes = {c.slug: c for c in ProductClass.objects.all()}
    makers = {}
    waiting = 0
    for demo in ARTISANS:
        rng = random.Random(f"{seed}:artisan:{demo.slug}")
        user = users[demo.slug]
        partner = Partner.objects.create(name=demo.name)
        partner.users.add(user)
        artisan = Artisan.objects.create(partner=partner, region=regions[demo.region],
                                         **_artisan_fields(demo, rng, now, email=user.email))
        artisan.crafts.set([classes[slug] for slug in demo.crafts])
        if not demo.verified:
            waiting += 1
        _admission_history(artisan, rng=rng, now=now, applicant_id=user.pk,
                           curator_id=curators[demo.region], declined_once=waiting % 2 == 1)
        makers[demo.slug] = Maker(artisan.pk, partner.pk, user.pk, demo.region)
    return makers


def _admission_history(artisan: Artisan, *, rng: random.Random, now: datetime,
                       applicant_id: int, curator_id: int, declined_once: bool) -> None:
    """Date the application and write its steps, as artisans.joining.services would."""
    if artisan.is_verified:
        applied_at = artisan.verified_at - timedelta(days=rng.randint(2, 30))
    else:
        applied_at = now - timedelta(days=rng.randint(10, 40))
    Artisan.objects.filter(pk=artisan.pk).update(created_at=applied_at)

    def step(kind: str, at: datetime, actor_id: int, note: str = "") -> None:
        from_state, to_state = TRANSITIONS[kind]
        admission_event_record(artisan=artisan, kind=kind, actor=User.objects.get(pk=actor_id),
                               from_state=from_state, to_state=to_state, note=note, at=at)

    step("applied", applied_at, applicant_id)
    if artisan.is_verified:
        step("verified", artisan.verified_at, curator_id, VERIFIED_NOTE)
    elif declined_once:
        step("declined", applied_at + timedelta(days=3), curator_id, DECLINED_NOTE)
        step("reapplied", applied_at + timedelta(days=rng.randint(5, 9)), applicant_id)


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
        "admission_state": AdmissionState.VERIFIED if demo.verified else AdmissionState.PENDING,
        "is_verified": demo.verified,
        "verified_at": now - timedelta(days=rng.randint(30, 900)) if demo.verified else None,
    }

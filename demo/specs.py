"""What each demo product is, computed from the seed alone, without the database.

Product i of seed s is the same whatever the number of products asked for: it draws
from its own random.Random(f"{s}:product:{i}"). Curation states are dealt from a
deck shuffled per block of 20 products, so every block of 20 (counted from the
first product) holds every state, approved being the majority. Times are counted
back from `now`, so that the curators' queue looks current whenever the demo is
loaded: a product in review was claimed within the claim period.
"""
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from demo.designs import DESIGNERS, Design
from demo.places import ARTISANS, REGIONS_BY_KEY, DemoArtisan
from curation.models import CurationEvent
from catalogue.states import CurationState

S = CurationState
K = CurationEvent.Kind
BLOCK = 20
STATE_DECK = (
    (S.APPROVED,) * 11 + (S.DRAFT,) * 2 + (S.SUBMITTED,) * 2
    + (S.IN_REVIEW, S.CHANGES_REQUESTED, S.REJECTED, S.DELISTED, S.WITHDRAWN)
)
assert len(STATE_DECK) == BLOCK and set(STATE_DECK) == set(S.values)

# (event kind, state reached, who acts) for each step from draft to the final state.
SUBMIT = (K.SUBMITTED, S.SUBMITTED, "artisan")
CLAIM = (K.CLAIMED, S.IN_REVIEW, "curator")
APPROVE = (K.APPROVED, S.APPROVED, "curator")
PATHS = {
    S.DRAFT: (),
    S.SUBMITTED: (SUBMIT,),
    S.IN_REVIEW: (SUBMIT, CLAIM),
    S.CHANGES_REQUESTED: (SUBMIT, CLAIM, (K.CHANGES_REQUESTED, S.CHANGES_REQUESTED, "curator")),
    S.APPROVED: (SUBMIT, CLAIM, APPROVE),
    S.REJECTED: (SUBMIT, CLAIM, (K.REJECTED, S.REJECTED, "curator")),
    S.DELISTED: (SUBMIT, CLAIM, APPROVE, (K.DELISTED, S.DELISTED, "curator")),
    S.WITHDRAWN: (SUBMIT, CLAIM, APPROVE, (K.RETIRED, S.WITHDRAWN, "artisan")),
}
NOTES = {
    K.APPROVED: ("", "Teknik dan motif sesuai; foto jelas.", "Lolos semua kriteria kurasi."),
    K.CHANGES_REQUESTED: (
        "Foto kurang terang; mohon unggah foto di bawah cahaya alami, tampak depan dan detail.",
        "Deskripsi belum menyebut ukuran dan bahan; mohon dilengkapi.",
        "Mohon jelaskan lama pengerjaan dan jenis pewarna agar harga dapat dinilai.",
        "Mohon tambahkan foto proses pembuatan untuk memastikan tekniknya.",
    ),
    K.REJECTED: (
        "Motif dicetak mesin, bukan dibuat dengan tangan seperti keterangannya.",
        "Produk ini bukan kerajinan daerah kami; silakan ajukan ke Dekranasda daerah asalnya.",
        "Bahan tidak sesuai keterangan.",
    ),
    K.DELISTED: (
        "Stok kosong lama dan perajin tidak dapat dihubungi.",
        "Keluhan pembeli: warna luntur setelah dicuci; menunggu perbaikan.",
    ),
    K.RETIRED: ("Produk ini tidak dibuat lagi.",),
}
DAY = 24 * 3600


@dataclass(frozen=True)
class Step:
    kind: str
    from_state: str
    to_state: str
    by: str  # "artisan" or "curator"
    at: datetime
    note: str


@dataclass(frozen=True)
class ProductSpec:
    index: int
    artisan: DemoArtisan
    craft: str
    design: Design
    description: str
    stock: int
    state: str
    created_at: datetime
    steps: tuple[Step, ...]

    def step(self, kind: str) -> Step | None:
        return next((step for step in self.steps if step.kind == kind), None)


def product_specs(*, seed: int, count: int, now: datetime,
                  claim_hours: int) -> Iterator[ProductSpec]:
    """The specs of products 0 .. count-1 of this seed, in order."""
    for block_start in range(0, count, BLOCK):
        deck = list(STATE_DECK)
        random.Random(f"{seed}:deck:{block_start // BLOCK}").shuffle(deck)
        for index in range(block_start, min(count, block_start + BLOCK)):
            yield product_spec(seed=seed, index=index, state=deck[index % BLOCK], now=now,
                               claim_hours=claim_hours)


def product_spec(*, seed: int, index: int, state: str, now: datetime,
                 claim_hours: int) -> ProductSpec:
    rng = random.Random(f"{seed}:product:{index}")
    # Only verified businesses may submit, so the others have drafts only.
    pool = ARTISANS if state == S.DRAFT else [a for a in ARTISANS if a.verified]
    artisan = rng.choice(pool)
    craft = rng.choice(artisan.crafts)
    design = DESIGNERS[craft](rng, artisan.region)
    created_at, steps = _timeline(rng, state, now=now, claim_hours=claim_hours)
    return ProductSpec(
        index=index, artisan=artisan, craft=craft, design=design,
        description=_description(artisan, design), stock=rng.choice((0, 1, 2, 3, 5, 8, 12, 20)),
        state=state, created_at=created_at, steps=steps,
    )


def _description(artisan: DemoArtisan, design: Design) -> str:
    region = REGIONS_BY_KEY[artisan.region]
    return (
        f"{design.title}. Karya {artisan.name} dari {artisan.place}, {region.display_name}. "
        f"{design.details} Dibuat dengan tangan, sehingga warna dan motifnya bisa sedikit "
        "berbeda dari foto."
    )


def _timeline(rng: random.Random, state: str, *, now: datetime,
              claim_hours: int) -> tuple[datetime, tuple[Step, ...]]:
    path = PATHS[state]
    ages = _step_ages(rng, state, len(path), claim_hours=claim_hours)
    created_age = ages[0] + rng.uniform(DAY, 30 * DAY) if ages else rng.uniform(DAY, 300 * DAY)
    steps, from_state = [], S.DRAFT
    for (kind, to_state, by), age in zip(path, ages):
        note = rng.choice(NOTES.get(kind, ("",)))
        steps.append(Step(kind, from_state, to_state, by, now - timedelta(seconds=age), note))
        from_state = to_state
    return now - timedelta(seconds=created_age), tuple(steps)


def _step_ages(rng: random.Random, state: str, count: int, *, claim_hours: int) -> list[float]:
    """Seconds before now of each step, oldest first."""
    if state == S.SUBMITTED:
        return [rng.uniform(3600, 10 * DAY)]
    if state == S.IN_REVIEW:
        claimed = rng.uniform(1800, 0.75 * claim_hours * 3600)
        return [claimed + rng.uniform(3600, 5 * DAY), claimed]
    return sorted((rng.uniform(3600, 360 * DAY) for _ in range(count)), reverse=True)

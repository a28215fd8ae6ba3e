"""The public curation record behind a hang tag's QR code (/verify/<code>/).

Anyone holding the code may read the record: the code is random and unguessable,
given at a product's first approval and kept for good. The record says which
council curated the product, since when, what it verified at the latest approval,
and whether the council still vouches for it. It never names the curator (the
council vouches, not a person) and never shows notes, which may be internal.
"""
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch, Q
from django.utils import translation

from catalogue.models import Product
from curation.models import CurationEvent, CriterionResult
from catalogue.states import CurationState

Kind = CurationEvent.Kind

# A code as secrets.token_urlsafe makes it; the URL patterns accept only this shape.
VERIFY_CODE_PATTERN = r"[A-Za-z0-9_-]{8,40}"


class RecordState:
    VOUCHED = "vouched"
    DELISTED = "delisted"  # the council no longer vouches for it
    RETIRED = "retired"  # the artisan no longer offers it


@dataclass(frozen=True)
class RecordCriterion:
    """One criterion as judged at the latest approval, named in the active language."""

    code: str
    name: str
    mandatory: bool
    result: str

    @property
    def passed(self) -> bool:
        return self.result == CriterionResult.Result.PASSED

    @property
    def result_label(self) -> str:
        try:
            return CriterionResult.Result(self.result).label
        except ValueError:
            return self.result


@dataclass(frozen=True)
class CurationRecord:
    product: Product
    council: str
    # The approval that put the product on the shop in its current listing (a product
    # delisted and approved again is curated since the second approval).
    curated_since: datetime
    first_approved_at: datetime
    # The latest approval, of the product or of a revision of its content.
    last_approved_at: datetime
    criteria: list[RecordCriterion] = field(default_factory=list)
    state: str = RecordState.VOUCHED
    # When the council stopped vouching (delisted) or the artisan retired the product.
    state_since: datetime | None = None

    @property
    def is_vouched(self) -> bool:
        return self.state == RecordState.VOUCHED

    @property
    def is_delisted(self) -> bool:
        return self.state == RecordState.DELISTED

    @property
    def is_retired(self) -> bool:
        return self.state == RecordState.RETIRED

    @property
    def was_revised(self) -> bool:
        return self.last_approved_at != self.curated_since


def _criterion_name(item: dict, language: str) -> str:
    english, indonesian = item.get("name_en") or "", item.get("name_id") or ""
    preferred = (english or indonesian) if language == "en" else (indonesian or english)
    # Older events stored a single "name".
    return preferred or item.get("name") or item.get("code") or ""


def _criteria(items, language: str) -> list[RecordCriterion]:
    if not isinstance(items, list):
        return []
    return [
        RecordCriterion(
            code=str(item.get("code") or ""),
            name=_criterion_name(item, language),
            mandatory=bool(item.get("mandatory", False)),
            result=str(item.get("result") or ""),
        )
        for item in items
        if isinstance(item, dict)
    ]


def _state(product: Product, events: list[CurationEvent]) -> tuple[str, datetime | None]:
    if product.curation_state == CurationState.APPROVED:
        return RecordState.VOUCHED, None
    if product.curation_state == CurationState.WITHDRAWN:
        kind, state = Kind.RETIRED, RecordState.RETIRED
    else:
        # Delisted, or delisted and since sent back to the council: in either case the
        # council does not vouch for it until it approves it again.
        kind, state = Kind.DELISTED, RecordState.DELISTED
    since = [e.created_at for e in events if e.kind == kind]
    return state, (since[-1] if since else None)


def verify_code_exists(*, code: str) -> bool:
    """Whether some product was ever approved under this code (one query)."""
    return Product.objects.filter(verify_code=code).exists()


def curation_record_for_code(*, code: str) -> CurationRecord | None:
    """The public record of the product with this verify code, or None.

    None for an unknown code and for a product with no approval on record. Three
    queries whatever the product's history: the product with its artisan and region,
    its photos, and its approval, delisting and retirement events.
    """
    product = (
        Product.objects.filter(verify_code=code)
        .select_related("artisan__region", "product_class")
        .prefetch_related("images")
        .first()
    )
    if product is None:
        return None
    events = list(
        product.curation_events.filter(
            Q(kind=Kind.APPROVED) | Q(kind__in=[Kind.DELISTED, Kind.RETIRED], revision=None)
        )
        .only("kind", "created_at", "criteria", "revision_id", "product_id")
        .order_by("created_at", "pk")
    )
    approvals = [e for e in events if e.kind == Kind.APPROVED]
    if not approvals:
        return None
    listings = [e for e in approvals if e.revision_id is None] or approvals
    latest = approvals[-1]
    state, state_since = _state(product, events)
    region = product.artisan.region if product.artisan_id else None
    return CurationRecord(
        product=product,
        council=region.council_name if region else "",
        curated_since=listings[-1].created_at,
        first_approved_at=approvals[0].created_at,
        last_approved_at=latest.created_at,
        criteria=_criteria(latest.criteria, (translation.get_language() or "").split("-")[0]),
        state=state,
        state_since=state_since,
    )

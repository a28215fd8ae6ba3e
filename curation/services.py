"""The curation workflow's transitions (DESIGN.md, "Curation workflow").

Each public function is one transition in one transaction: it locks the product
row, checks who acts and from which state, writes the change and an append-only
event, and queues notifications to run after commit. Nothing else sets a
product's curation state.
"""
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import Product
from curation import events
from curation.errors import InvalidTransition, NotAllowed
from curation.models import CurationEvent, Submission
from curation.selectors import user_curates_region
from curation.states import CurationState

S = CurationState


def _lock_product(product_id: int) -> Product:
    # Lock only the product row: the artisan join is an outer one, which
    # PostgreSQL cannot lock.
    return (
        Product.objects.select_for_update(of=("self",))
        .select_related("artisan__region", "artisan__partner")
        .get(pk=product_id)
    )


def _require_state(product: Product, allowed: set[str]) -> None:
    if product.curation_state not in allowed:
        # Often someone else acted first: say what the product is now.
        raise InvalidTransition(
            _("That is not possible now: “%(title)s” is “%(state)s”. "
              "Reload the page to see what changed.")
            % {"title": product.title, "state": product.get_curation_state_display()}
        )


def _require_artisan_member(product: Product, user) -> None:
    artisan = product.artisan
    if artisan is None or not artisan.partner.users.filter(pk=user.pk).exists():
        raise NotAllowed(_("Only the artisan who owns this product can do that."))


def _require_curator(product: Product, user) -> None:
    if product.artisan is None or not user_curates_region(
        user=user, region_id=product.artisan.region_id
    ):
        raise NotAllowed(_("Only a curator of this artisan's region can do that."))


def _require_not_own(product: Product, user) -> None:
    """A curator who is also one of the artisan's logins never judges their own work."""
    if product.artisan.partner.users.filter(pk=user.pk).exists():
        raise NotAllowed(
            _("You cannot curate your own business's products: another curator must.")
        )


def _open_submission(product: Product) -> Submission:
    submission = Submission.objects.select_for_update().filter(
        product=product, is_open=True
    ).first()
    if submission is None:
        raise InvalidTransition(_("This product has no open submission."))
    return submission


def _require_claimed_by(submission: Submission, user) -> None:
    if submission.claimed_by_id != user.pk:
        raise NotAllowed(_("Only the curator who claimed this submission can decide it."))


def _move(product: Product, *, to: str, kind: str, actor, note: str = "") -> CurationEvent:
    """Set the new state on the product and its variants and record the event."""
    from_state = product.curation_state
    product.curation_state = to
    product.is_public = to == S.APPROVED
    fields = ["curation_state", "is_public", "date_updated"]
    if to == S.APPROVED:
        product.published_at = timezone.now()
        product.curated_by = actor
        fields += ["published_at", "curated_by"]
        if not product.verify_code:
            # 96 random bits: the public record's address cannot be guessed.
            product.verify_code = secrets.token_urlsafe(12)
            fields.append("verify_code")
    product.save(update_fields=fields)
    # Variants are curated with their parent and never shown without it.
    product.children.update(curation_state=to, is_public=product.is_public)
    return events.curation_event_record(
        product=product, kind=kind, actor=actor, from_state=from_state, to_state=to, note=note
    )


def _submission_open(product: Product, *, user, revision=None) -> Submission:
    now = timezone.now()
    return Submission.objects.create(
        product=product, submitted_by=user, revision=revision,
        due_at=now + timedelta(days=product.curation_target_days),
    )


def _close(submission: Submission, *, outcome: str, user, note: str = "") -> None:
    submission.is_open = False
    submission.outcome = outcome
    submission.decided_by = user
    submission.decided_at = timezone.now()
    submission.note = note
    submission.save(update_fields=["is_open", "outcome", "decided_by", "decided_at", "note"])


def submission_submit(*, product_id: int, user) -> Product:
    """An artisan sends a draft (or a product they fixed) to their council.

    Raises NotAllowed if the user is not one of the owner's logins or the business
    is not verified yet, InvalidTransition if the product is not a draft or
    waiting for changes.
    """
    with transaction.atomic():
        product = _lock_product(product_id)
        _require_artisan_member(product, user)
        if not product.artisan.is_verified:
            raise NotAllowed(
                _("Your business has not been verified by the council yet; "
                  "you can prepare drafts, and submit them once it is.")
            )
        _require_state(product, {S.DRAFT, S.CHANGES_REQUESTED})
        _submission_open(product, user=user)
        event = _move(product, to=S.SUBMITTED, kind=CurationEvent.Kind.SUBMITTED, actor=user)
        events.notify_after_commit(event)
    return product


def submission_claim(*, product_id: int, user) -> Product:
    """A curator of the product's region takes a submission to review it.

    Raises NotAllowed for anyone else, InvalidTransition if it is not waiting in
    the queue (for example another curator claimed it first).
    """
    with transaction.atomic():
        product = _lock_product(product_id)
        _require_curator(product, user)
        _require_not_own(product, user)
        _require_state(product, {S.SUBMITTED})
        submission = _open_submission(product)
        submission.claimed_by = user
        submission.claimed_at = timezone.now()
        submission.save(update_fields=["claimed_by", "claimed_at"])
        _move(product, to=S.IN_REVIEW, kind=CurationEvent.Kind.CLAIMED, actor=user)
    return product


def _decide(*, product_id: int, user, to: str, kind: str, note: str) -> Product:
    with transaction.atomic():
        product = _lock_product(product_id)
        _require_curator(product, user)
        _require_not_own(product, user)
        _require_state(product, {S.IN_REVIEW})
        submission = _open_submission(product)
        _require_claimed_by(submission, user)
        _close(submission, outcome=to, user=user, note=note)
        event = _move(product, to=to, kind=kind, actor=user, note=note)
        events.notify_after_commit(event)
    return product


def submission_approve(*, product_id: int, user, note: str = "") -> Product:
    """The claiming curator approves: the product is published at once.

    Raises NotAllowed for anyone but the claiming curator of the region,
    InvalidTransition if the product is not in review.
    """
    return _decide(product_id=product_id, user=user, to=S.APPROVED,
                   kind=CurationEvent.Kind.APPROVED, note=note)


def submission_request_changes(*, product_id: int, user, note: str) -> Product:
    """The claiming curator sends the product back to the artisan with notes.

    Raises NotAllowed / InvalidTransition as submission_approve, and
    InvalidTransition when the notes are empty.
    """
    if not note.strip():
        raise InvalidTransition(_("Say what the artisan should change."))
    return _decide(product_id=product_id, user=user, to=S.CHANGES_REQUESTED,
                   kind=CurationEvent.Kind.CHANGES_REQUESTED, note=note)


def submission_reject(*, product_id: int, user, note: str) -> Product:
    """The claiming curator rejects the product, with a reason.

    Raises NotAllowed / InvalidTransition as submission_approve, and
    InvalidTransition when the reason is empty.
    """
    if not note.strip():
        raise InvalidTransition(_("Give the artisan a reason for the rejection."))
    return _decide(product_id=product_id, user=user, to=S.REJECTED,
                   kind=CurationEvent.Kind.REJECTED, note=note)


def submission_withdraw(*, product_id: int, user) -> Product:
    """The artisan takes back a submission no curator has claimed yet: back to draft.

    Raises NotAllowed for anyone but the owner's logins, InvalidTransition when the
    product is not waiting in the queue (a curator may have claimed it meanwhile).
    """
    with transaction.atomic():
        product = _lock_product(product_id)
        _require_artisan_member(product, user)
        _require_state(product, {S.SUBMITTED})
        _close(_open_submission(product), outcome=S.DRAFT, user=user)
        _move(product, to=S.DRAFT, kind=CurationEvent.Kind.WITHDRAWN, actor=user)
    return product


def submission_release(*, product_id: int, user) -> Product:
    """The claiming curator puts a submission back in the queue unreviewed.

    Raises NotAllowed for anyone but the claiming curator, InvalidTransition when
    the product is not in review.
    """
    with transaction.atomic():
        product = _lock_product(product_id)
        _require_curator(product, user)
        _require_state(product, {S.IN_REVIEW})
        submission = _open_submission(product)
        _require_claimed_by(submission, user)
        _unclaim(submission)
        _move(product, to=S.SUBMITTED, kind=CurationEvent.Kind.RELEASED, actor=user)
    return product


def _unclaim(submission: Submission) -> None:
    submission.claimed_by = None
    submission.claimed_at = None
    submission.save(update_fields=["claimed_by", "claimed_at"])


def claims_release_lapsed(*, now=None) -> int:
    """Return to the queue every claim older than CURATION_CLAIM_HOURS; returns how many.

    Safe to run twice or concurrently: each product is re-checked under its lock.
    """
    from datetime import timedelta

    from django.conf import settings

    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.CURATION_CLAIM_HOURS)
    lapsed = Submission.objects.filter(
        is_open=True, claimed_at__lt=cutoff, product__curation_state=S.IN_REVIEW
    ).values_list("product_id", flat=True)
    released = 0
    for product_id in list(lapsed):
        with transaction.atomic():
            product = _lock_product(product_id)
            submission = Submission.objects.select_for_update().filter(
                product=product, is_open=True, claimed_at__lt=cutoff
            ).first()
            if product.curation_state != S.IN_REVIEW or submission is None:
                continue
            _unclaim(submission)
            _move(product, to=S.SUBMITTED, kind=CurationEvent.Kind.RELEASED, actor=None,
                  note=_("The claim lapsed after %(hours)s hours.")
                  % {"hours": settings.CURATION_CLAIM_HOURS})
            released += 1
    return released


def product_delist(*, product_id: int, user, note: str) -> Product:
    """A curator of the region (or an admin) takes a published product off the shop.

    Raises NotAllowed for anyone else, InvalidTransition when the product is not
    published or the reason is empty.
    """
    if not note.strip():
        raise InvalidTransition(_("Give a reason for delisting."))
    with transaction.atomic():
        product = _lock_product(product_id)
        _require_curator(product, user)
        _require_state(product, {S.APPROVED})
        event = _move(product, to=S.DELISTED, kind=CurationEvent.Kind.DELISTED, actor=user,
                      note=note)
        events.notify_after_commit(event)
    return product


def product_resubmit(*, product_id: int, user) -> Product:
    """The artisan sends a delisted product back to curation.

    Raises NotAllowed (not the owner, or business not verified) or
    InvalidTransition (not delisted).
    """
    with transaction.atomic():
        product = _lock_product(product_id)
        _require_artisan_member(product, user)
        if not product.artisan.is_verified:
            raise NotAllowed(_("Your business has not been verified by the council yet."))
        _require_state(product, {S.DELISTED})
        _submission_open(product, user=user)
        event = _move(product, to=S.SUBMITTED, kind=CurationEvent.Kind.RESUBMITTED, actor=user)
        events.notify_after_commit(event)
    return product


def product_retire(*, product_id: int, user) -> Product:
    """The artisan takes their own published product off the shop for good.

    Raises NotAllowed (not the owner) or InvalidTransition (not published).
    """
    with transaction.atomic():
        product = _lock_product(product_id)
        _require_artisan_member(product, user)
        _require_state(product, {S.APPROVED})
        _move(product, to=S.WITHDRAWN, kind=CurationEvent.Kind.RETIRED, actor=user)
    return product

"""The curation workflow's transitions (DESIGN.md, "Curation workflow").

Each public function is one transition in one transaction: it locks the product
row, checks who acts and from which state, writes the change and an append-only
event, and queues notifications to run after commit. Nothing else sets a
product's curation state.

A submission is of the product itself or of a pending revision of a published
product (Submission.revision). The queue's transitions (claim, take over, release,
approve, request changes, reject) work on both: for a revision they move the
revision's state and leave the live product as it is until the revision is
approved (curation.revisions applies it then, and holds the artisan's side of
revisions).
"""
import secrets
from collections.abc import Mapping
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from catalogue.models import Product
from catalogue.photo_storage import product_photos_follow_after_commit
from curation import events, revisions
from curation.errors import InvalidTransition, NotAllowed
from curation.guards import (
    close,
    lock_product,
    open_submission,
    require_artisan_member,
    require_claimed_by,
    require_curator,
    require_not_own,
    require_revision_state,
    require_state,
    require_verified,
    submission_open,
)
from curation.models import Criterion, CriterionResult, CurationEvent, Submission
from curation.selectors import criteria_for_product
from catalogue.states import CurationState
from search.indexing import products_index_after_change

S = CurationState
Kind = CurationEvent.Kind

#: A curator's judgement of the criteria: criterion id -> (result, note).
Judgement = Mapping[int, tuple[str, str]]


# --- moving a product or a revision ---------------------------------------------

def _move(product: Product, *, to: str, kind: str, actor, note: str = "",
          criteria: list | None = None, on_behalf_of=None) -> CurationEvent:
    """Set the new state on the product and its variants and record the event."""
    from_state = product.curation_state
    was_public = product.is_public
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
    event = events.curation_event_record(
        product=product, kind=kind, actor=actor, from_state=from_state, to_state=to,
        note=note, criteria=criteria or [], on_behalf_of=on_behalf_of,
    )
    products_index_after_change(product_ids=[product.pk])
    if product.is_public != was_public:
        # Photos go public with the product, and private again when it leaves the shop.
        product_photos_follow_after_commit(product_id=product.pk)
    return event


def _move_item(product: Product, submission: Submission, *, to: str, kind: str, actor,
               note: str = "", criteria: list | None = None) -> CurationEvent:
    """Move what the submission is about: the revision if it has one, else the product."""
    if submission.revision_id is None:
        return _move(product, to=to, kind=kind, actor=actor, note=note, criteria=criteria)
    return revisions.revision_move(
        product, submission.revision, to=to, kind=kind, actor=actor, note=note,
        criteria=criteria,
    )


def _item_state(product: Product, submission: Submission) -> str:
    return submission.revision.state if submission.revision_id else product.curation_state


def _queued(product: Product, *, state: str) -> Submission:
    """The product's open submission, provided its item is in `state`."""
    submission = open_submission(product)
    if submission.revision_id is None:
        require_state(product, {state})
    else:
        require_revision_state(submission.revision, {state})
    return submission


def _unclaim(submission: Submission) -> None:
    submission.claimed_by = None
    submission.claimed_at = None
    submission.save(update_fields=["claimed_by", "claimed_at"])


# --- the criteria of a decision -------------------------------------------------

def _name(criterion: Criterion) -> str:
    return criterion.name(get_language() or settings.LANGUAGE_CODE)


def _judged(product: Product, results: Judgement | None
            ) -> tuple[list[Criterion], list[tuple[Criterion, str, str]]]:
    """The criteria that apply to the product and the curator's results for them."""
    criteria = list(criteria_for_product(product=product))
    by_id = {criterion.pk: criterion for criterion in criteria}
    results = dict(results or {})
    if set(results) - set(by_id):
        raise InvalidTransition(_(
            "The council's criteria changed while you were reviewing. "
            "Reload the page and judge the criteria again."
        ))
    judged = []
    for criterion in criteria:
        if criterion.pk not in results:
            continue
        result, note = results[criterion.pk]
        if result not in CriterionResult.Result.values:
            raise InvalidTransition(
                _("Choose a result for “%(name)s”.") % {"name": _name(criterion)}
            )
        judged.append((criterion, result, (note or "").strip()))
    return criteria, judged


def _require_mandatory_passed(criteria: list[Criterion], judged) -> None:
    passed = {c.pk for c, result, _note in judged if result == CriterionResult.Result.PASSED}
    missing = [c for c in criteria if c.is_mandatory and c.pk not in passed]
    if missing:
        raise InvalidTransition(
            _("Approval needs every mandatory criterion passed. Not passed: %(names)s.")
            % {"names": ", ".join(_name(c) for c in missing)}
        )


def _criteria_snapshot(judged) -> list[dict]:
    """The criteria as judged, kept in the event (names in both languages)."""
    return [
        {"code": c.code, "name_id": c.name_id, "name_en": c.name_en,
         "mandatory": c.is_mandatory, "result": result, "note": note}
        for c, result, note in judged
    ]


# --- the artisan sends a product ------------------------------------------------

def submission_submit(*, product_id: int, user) -> Product:
    """An artisan sends a draft (or a product they fixed) to their council.

    Council staff helping a verified artisan of their region may send it for them
    (the event says for whom; another curator must then judge it).

    Raises NotAllowed if the user is not one of the owner's logins (nor assisting)
    or the business is not verified yet, InvalidTransition if the product is not a
    draft or waiting for changes.
    """
    with transaction.atomic():
        product = lock_product(product_id)
        on_behalf_of = require_artisan_member(product, user, assisted=True)
        require_verified(product)
        require_state(product, {S.DRAFT, S.CHANGES_REQUESTED})
        submission_open(product, user=user)
        event = _move(product, to=S.SUBMITTED, kind=Kind.SUBMITTED, actor=user,
                      on_behalf_of=on_behalf_of)
        events.notify_after_commit(event)
    return product


def submission_withdraw(*, product_id: int, user) -> Product:
    """The artisan takes back a submission no curator has claimed yet: back to draft.

    Raises NotAllowed for anyone but the owner's logins, InvalidTransition when the
    product is not waiting in the queue (a curator may have claimed it meanwhile).
    For a pending revision use curation.revisions.revision_withdraw.
    """
    with transaction.atomic():
        product = lock_product(product_id)
        require_artisan_member(product, user)
        require_state(product, {S.SUBMITTED})
        close(open_submission(product), outcome=S.DRAFT, user=user)
        _move(product, to=S.DRAFT, kind=Kind.WITHDRAWN, actor=user)
    return product


# --- the queue: claims -------------------------------------------------------------

def submission_claim(*, product_id: int, user) -> Product:
    """A curator of the product's region takes a submission (or revision) to review it.

    Raises NotAllowed for anyone else, InvalidTransition if it is not waiting in
    the queue (for example another curator claimed it first).
    """
    with transaction.atomic():
        product = lock_product(product_id)
        require_curator(product, user)
        require_not_own(product, user)
        submission = _queued(product, state=S.SUBMITTED)
        submission.claimed_by = user
        submission.claimed_at = timezone.now()
        submission.save(update_fields=["claimed_by", "claimed_at"])
        _move_item(product, submission, to=S.IN_REVIEW, kind=Kind.CLAIMED, actor=user)
    return product


def submission_take_over(*, product_id: int, user, note: str = "") -> Product:
    """A curator of the region takes over another curator's claim, explicitly.

    The event names the curator who held the claim. Raises NotAllowed for anyone
    but a curator of the region (never on their own business's product),
    InvalidTransition when the item is not in review or the user holds the claim.
    """
    with transaction.atomic():
        product = lock_product(product_id)
        require_curator(product, user)
        require_not_own(product, user)
        submission = _queued(product, state=S.IN_REVIEW)
        if submission.claimed_by_id == user.pk:
            raise InvalidTransition(_("You hold this claim already."))
        previous = submission.claimed_by
        submission.claimed_by = user
        submission.claimed_at = timezone.now()
        submission.save(update_fields=["claimed_by", "claimed_at"])
        said = _("Taken over from %(name)s.") % {
            "name": (previous.get_full_name() or previous.get_username()) if previous else "—"
        }
        event = _move_item(
            product, submission, to=S.IN_REVIEW, kind=Kind.TAKEN_OVER, actor=user,
            note=f"{said} {note.strip()}".strip(),
        )
        events.notify_after_commit(event)
    return product


def submission_release(*, product_id: int, user) -> Product:
    """The claiming curator puts a submission back in the queue unreviewed.

    Raises NotAllowed for anyone but the claiming curator, InvalidTransition when
    the item is not in review.
    """
    with transaction.atomic():
        product = lock_product(product_id)
        require_curator(product, user)
        submission = _queued(product, state=S.IN_REVIEW)
        require_claimed_by(submission, user)
        _unclaim(submission)
        _move_item(product, submission, to=S.SUBMITTED, kind=Kind.RELEASED, actor=user)
    return product


def claims_release_lapsed(*, now=None) -> int:
    """Return to the queue every claim older than CURATION_CLAIM_HOURS; returns how many.

    Safe to run twice or concurrently: each product is re-checked under its lock.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.CURATION_CLAIM_HOURS)
    lapsed = Submission.objects.filter(
        is_open=True, claimed_at__lt=cutoff
    ).values_list("product_id", flat=True)
    released = 0
    for product_id in list(lapsed):
        with transaction.atomic():
            product = lock_product(product_id)
            submission = Submission.objects.select_for_update(of=("self",)).select_related(
                "revision"
            ).filter(product=product, is_open=True, claimed_at__lt=cutoff).first()
            if submission is None or _item_state(product, submission) != S.IN_REVIEW:
                continue
            _unclaim(submission)
            _move_item(product, submission, to=S.SUBMITTED, kind=Kind.RELEASED, actor=None,
                       note=_("The claim lapsed after %(hours)s hours.")
                       % {"hours": settings.CURATION_CLAIM_HOURS})
            released += 1
    return released


# --- the queue: decisions ----------------------------------------------------------

def _decide(*, product_id: int, user, to: str, note: str, results: Judgement | None
            ) -> Product:
    note = (note or "").strip()
    with transaction.atomic():
        product = lock_product(product_id)
        require_curator(product, user)
        require_not_own(product, user)
        submission = _queued(product, state=S.IN_REVIEW)
        require_claimed_by(submission, user)
        criteria, judged = _judged(product, results)
        if to == S.APPROVED:
            _require_mandatory_passed(criteria, judged)
        elif to == S.CHANGES_REQUESTED and not note and not any(
            result == CriterionResult.Result.FAILED and criterion_note
            for _c, result, criterion_note in judged
        ):
            raise InvalidTransition(_("Say what the artisan should change."))
        elif to == S.REJECTED and not note:
            raise InvalidTransition(_("Give the artisan a reason for the rejection."))
        close(submission, outcome=to, user=user, note=note)
        CriterionResult.objects.bulk_create(
            CriterionResult(submission=submission, criterion=c, result=result, note=text)
            for c, result, text in judged
        )
        kind = {S.APPROVED: Kind.APPROVED, S.CHANGES_REQUESTED: Kind.CHANGES_REQUESTED,
                S.REJECTED: Kind.REJECTED}[to]
        event = _move_item(product, submission, to=to, kind=kind, actor=user, note=note,
                           criteria=_criteria_snapshot(judged))
        events.notify_after_commit(event)
    return product


def submission_approve(*, product_id: int, user, note: str = "",
                       results: Judgement | None = None) -> Product:
    """The claiming curator approves: the product (or its revision) is published at once.

    `results` maps criterion ids to (result, note); every mandatory criterion that
    applies to the product's craft must be passed.

    Raises NotAllowed for anyone but the claiming curator of the region,
    InvalidTransition if the item is not in review or a mandatory criterion is not
    passed.
    """
    return _decide(product_id=product_id, user=user, to=S.APPROVED, note=note,
                   results=results)


def submission_request_changes(*, product_id: int, user, note: str = "",
                               results: Judgement | None = None) -> Product:
    """The claiming curator sends the item back to the artisan with notes.

    Raises NotAllowed / InvalidTransition as submission_approve, and
    InvalidTransition when there is neither a note nor a note on an unmet criterion.
    """
    return _decide(product_id=product_id, user=user, to=S.CHANGES_REQUESTED, note=note,
                   results=results)


def submission_reject(*, product_id: int, user, note: str,
                      results: Judgement | None = None) -> Product:
    """The claiming curator rejects the item, with a reason.

    A rejected revision leaves the live product as it was. Raises NotAllowed /
    InvalidTransition as submission_approve, and InvalidTransition when the
    reason is empty.
    """
    return _decide(product_id=product_id, user=user, to=S.REJECTED, note=note,
                   results=results)


# --- a published product -----------------------------------------------------------

def product_delist(*, product_id: int, user, note: str) -> Product:
    """A curator of the region (or an admin) takes a published product off the shop.

    A pending revision is withdrawn with it. Raises NotAllowed for anyone else,
    InvalidTransition when the product is not published or the reason is empty.
    """
    if not note.strip():
        raise InvalidTransition(_("Give a reason for delisting."))
    with transaction.atomic():
        product = lock_product(product_id)
        require_curator(product, user)
        require_state(product, {S.APPROVED})
        revisions.revision_discard_open(product, actor=user)
        event = _move(product, to=S.DELISTED, kind=Kind.DELISTED, actor=user, note=note)
        events.notify_after_commit(event)
    return product


def product_resubmit(*, product_id: int, user) -> Product:
    """The artisan sends a delisted product back to curation.

    Raises NotAllowed (not the owner, or business not verified) or
    InvalidTransition (not delisted).
    """
    with transaction.atomic():
        product = lock_product(product_id)
        require_artisan_member(product, user)
        if not product.artisan.is_verified:
            raise NotAllowed(_("Your business has not been verified by the council yet."))
        require_state(product, {S.DELISTED})
        submission_open(product, user=user)
        event = _move(product, to=S.SUBMITTED, kind=Kind.RESUBMITTED, actor=user)
        events.notify_after_commit(event)
    return product


def product_retire(*, product_id: int, user) -> Product:
    """The artisan takes their own published product off the shop for good.

    A pending revision is withdrawn with it. Raises NotAllowed (not the owner) or
    InvalidTransition (not published).
    """
    with transaction.atomic():
        product = lock_product(product_id)
        require_artisan_member(product, user)
        require_state(product, {S.APPROVED})
        revisions.revision_discard_open(product, actor=user)
        _move(product, to=S.WITHDRAWN, kind=Kind.RETIRED, actor=user)
    return product

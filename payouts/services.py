"""Writes to the payout ledger.

- `ledger_line_sync`: the SALE and REFUND entries an order line's fulfilment events
  call for. Called through fulfilment.hooks (`ledger_follows_shipment_event`) inside
  the transaction that wrote the event
  (fulfilment locks the line's order and line for it, so one line is never synced
  twice at once), and by the data migration that filled the ledger from earlier
  events.
- `payout_record`: council staff record a bank transfer to an artisan.
- `ledger_adjust`: council staff correct a balance, with a note.

A payout or adjustment locks the artisan's row first (select_for_update on
catalogue.Artisan): the balance is read and the entry written under that lock, so
two staff at once cannot pay the same money twice.
"""
from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalogue.models import Artisan
from core.calendar import COUNCIL_TIMEZONE
from core.money import rupiah
from fulfilment.models import LineShipmentEvent
from payouts.errors import (
    DuplicateReference, InvalidAdjustment, InvalidPayout, NotAllowed, OverBalance,
)
from payouts.models import LedgerEntry, Payout
from payouts.selectors import artisan_balance, user_may_pay_artisans
from core.outbox.services import outbox_enqueue
from payouts.rates import with_money

logger = logging.getLogger(__name__)

Line = get_model("order", "Line")
Kind = LedgerEntry.Kind
Event = LineShipmentEvent.Kind
#: The shipment events that move money: a line shipped (SALE), a line refunded (REFUND).
LEDGER_KINDS = frozenset({Event.SHIPPED, Event.REFUNDED})


# --- from fulfilment's facts ---------------------------------------------------------

def _sale_create(*, line_id: int, shipped: dict) -> LedgerEntry | None:
    """The line's SALE at the statements' rules, or None if no artisan sold the line."""
    money = (
        with_money(Line.objects.filter(pk=line_id, partner__artisan__isnull=False))
        .values("partner__artisan", "amount", "rate", "commission")
        .first()
    )
    if money is None:
        return None
    return LedgerEntry.objects.create(
        artisan_id=money["partner__artisan"], kind=Kind.SALE, line_id=line_id,
        shipment_event_id=shipped["pk"], gross=money["amount"], rate=money["rate"],
        commission=money["commission"], amount=money["amount"] - money["commission"],
        occurred_at=shipped["created_at"],
    )


def ledger_follows_shipment_event(*, event: LineShipmentEvent) -> list[LedgerEntry]:
    """Write the SALE or REFUND a new "shipped" or "refunded" event calls for.

    Registered on fulfilment.hooks.shipment_event_recorded (payouts.apps), so it runs
    in the transaction of the fulfilment move that wrote the event: either both are
    kept or neither. Other kinds (packed, unable, delivered...) owe nothing.
    """
    if event.kind not in LEDGER_KINDS:
        return []
    return ledger_line_sync(line_id=event.line_id)


def ledger_line_sync(*, line_id: int) -> list[LedgerEntry]:
    """Write the ledger entries the line's shipment events call for and that are missing.

    A "shipped" event makes the line's SALE: the artisan is owed its amount less the
    commission (payouts.rates.with_money: the rate of the artisan's region, else
    the default, in force on the day the order was placed, Asia/Jakarta). A "refunded"
    event makes a REFUND reversing that SALE, whichever of the two events came first;
    a line refunded without ever being shipped (the artisan could not send it) owes
    nothing either way. Other kinds (packed, unable, delivered...) change nothing.

    Safe to call any number of times: an entry already written is never written
    again (and the database refuses a second SALE or REFUND for a line). Returns the
    entries written now. Raises nothing of its own.
    """
    facts = list(
        LineShipmentEvent.objects.filter(line_id=line_id, kind__in=(Event.SHIPPED, Event.REFUNDED))
        .order_by("created_at", "pk").values("pk", "kind", "created_at")
    )
    shipped = next((fact for fact in facts if fact["kind"] == Event.SHIPPED), None)
    if shipped is None:
        return []
    refunded = next((fact for fact in facts if fact["kind"] == Event.REFUNDED), None)
    existing = {entry.kind: entry for entry in LedgerEntry.objects.filter(line_id=line_id)}
    written = []
    sale = existing.get(Kind.SALE)
    if sale is None:
        sale = _sale_create(line_id=line_id, shipped=shipped)
        if sale is None:
            return []
        written.append(sale)
    if refunded is not None and Kind.REFUND not in existing:
        written.append(LedgerEntry.objects.create(
            artisan_id=sale.artisan_id, kind=Kind.REFUND, line_id=line_id,
            shipment_event_id=refunded["pk"], gross=sale.gross, rate=sale.rate,
            commission=sale.commission, amount=-sale.amount,
            # Never before the sale it reverses, so a statement reads in order.
            occurred_at=max(refunded["created_at"], sale.occurred_at),
        ))
    for entry in written:
        logger.info("Ledger: %s for line %s", entry, line_id)
    return written


# --- the council's writes ------------------------------------------------------------

def _check_may_pay(user) -> None:
    if not user_may_pay_artisans(user=user):
        raise NotAllowed(_("Only council staff who manage payments can record payouts."))


def _lock_artisan(artisan_id: int) -> Artisan:
    artisan = Artisan.objects.select_for_update().filter(pk=artisan_id).first()
    if artisan is None:
        raise InvalidPayout(_("This artisan does not exist."))
    return artisan


def payout_record(
    *, artisan_id: int, amount: int, paid_on: dt.date, reference: str, note: str = "",
    user, idempotency_key: str, now: dt.datetime | None = None,
) -> Payout:
    """Council staff record a bank transfer of `amount` rupiah made to the artisan.

    Writes the Payout and its PAYOUT entry (a debit) under the artisan's row lock and,
    after commit, emails the artisan in their language. `idempotency_key` is the
    form's one-time token: a second call with the same key (a double-clicked submit)
    records nothing and returns the payout the first one recorded.

    Raises NotAllowed unless `user` is staff who manage payments
    (payouts.selectors.user_may_pay_artisans); InvalidPayout for an amount under
    1, an empty reference, a date after today (Asia/Jakarta) or an unknown artisan;
    OverBalance if `amount` is more than the artisan's balance; DuplicateReference if
    the artisan already has a payout with that reference. Nothing is written then.
    """
    _check_may_pay(user)
    if not idempotency_key:
        raise ValueError("payout_record needs the form's idempotency key.")
    reference = " ".join((reference or "").split())
    note = (note or "").strip()
    if not reference:
        raise InvalidPayout(_("Enter the transfer's reference from the bank statement."))
    if amount < 1:
        raise InvalidPayout(_("A payout is at least Rp 1."))
    today = timezone.localtime(now or timezone.now(), COUNCIL_TIMEZONE).date()
    if paid_on > today:
        raise InvalidPayout(_("A payout is recorded once the transfer has been made: the "
                              "date cannot be after today."))
    with transaction.atomic():
        artisan = _lock_artisan(artisan_id)
        # Looked up under the artisan's lock: the second of two clicks waits for the
        # first to commit, then finds its payout.
        earlier = Payout.objects.filter(idempotency_key=idempotency_key).first()
        if earlier is not None:
            if earlier.artisan_id != artisan.pk:
                raise InvalidPayout(_("This form was already used for another artisan."))
            return earlier
        if Payout.objects.filter(artisan=artisan, reference__iexact=reference).exists():
            raise DuplicateReference(
                _("A payout with the reference %(reference)s is already recorded for "
                  "%(artisan)s.") % {"reference": reference, "artisan": artisan.name}
            )
        balance = artisan_balance(artisan_id=artisan.pk)
        if amount > balance:
            raise OverBalance(
                _("%(artisan)s is owed %(balance)s: a payout cannot be more than that.")
                % {"artisan": artisan.name, "balance": rupiah(max(balance, 0))}
            )
        payout = Payout.objects.create(
            artisan=artisan, amount=amount, paid_on=paid_on, reference=reference, note=note,
            idempotency_key=idempotency_key, recorded_by=user,
        )
        LedgerEntry.objects.create(
            artisan=artisan, kind=Kind.PAYOUT, amount=-amount, payout=payout, note=note,
            created_by=user, occurred_at=payout.created_at,
        )
        _notify(payout.pk)
    logger.info("Payout %s recorded by user %s", payout, user.pk)
    return payout


def _notify(payout_id: int) -> None:
    """Promise the artisan's email in the payout's transaction (the outbox)."""
    from payouts.tasks import payout_notify

    outbox_enqueue(task=payout_notify, kwargs={"payout_id": payout_id})


def ledger_adjust(*, artisan_id: int, amount: int, note: str, user,
                  idempotency_key: str = "") -> LedgerEntry:
    """Council staff correct an artisan's balance by `amount` (either sign), saying why.

    `idempotency_key` is the correction form's one-time token: a second call with the
    same key (a double-clicked submit) writes nothing and returns the entry the first
    one wrote.

    Raises NotAllowed unless `user` is staff who manage payments, InvalidAdjustment
    for a zero amount, an empty note or a key already used for another artisan,
    InvalidPayout for an unknown artisan.
    """
    _check_may_pay(user)
    note = (note or "").strip()
    if amount == 0 or not note:
        raise InvalidAdjustment(_("A correction needs an amount other than zero and a note "
                                  "saying why."))
    with transaction.atomic():
        artisan = _lock_artisan(artisan_id)
        if idempotency_key:
            # Under the artisan's lock: the second of two clicks waits for the first to
            # commit, then finds its entry.
            earlier = LedgerEntry.objects.filter(idempotency_key=idempotency_key).first()
            if earlier is not None:
                if earlier.artisan_id != artisan.pk:
                    raise InvalidAdjustment(_("This form was already used for another "
                                              "artisan."))
                return earlier
        entry = LedgerEntry.objects.create(
            artisan=artisan, kind=Kind.ADJUSTMENT, amount=amount, note=note, created_by=user,
            occurred_at=timezone.now(), idempotency_key=idempotency_key or None,
        )
    logger.info("Ledger adjustment %s by user %s", entry, user.pk)
    return entry

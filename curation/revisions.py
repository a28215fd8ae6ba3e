"""Pending revisions of published products (DESIGN.md: editing a published product).

The artisan's edit of an approved product's content is kept as a ProductRevision
and goes through the council's queue like a new product; the live product stays
as it is until the revision is approved, and is untouched when the revision gets
changes requested or is rejected. Price and stock are not part of a revision:
they change at once (artisans.portal.services.product_stock_update).

The queue's transitions on a revision (claim, decide ...) are in
curation.services; this module holds the artisan's side, applying an approved
revision, and what a curator sees changed. The artisan's proposal is also offered
as revision_propose_locked, for a caller that writes more in the same transaction
(the published-product form saves price and stock with it:
artisans.portal.services.product_revision_propose).
"""
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from catalogue import services as catalogue_services
from catalogue.models import AttributeOption, Category, Product, ProductImage
from catalogue.photo_storage import product_photos_follow_after_commit
from catalogue.photos import photo_file_save, photo_writes_undone_on_failure
from curation import events
from curation.errors import InvalidTransition
from curation.guards import (
    close,
    lock_product,
    require_artisan_member,
    require_revision_state,
    require_state,
    require_verified,
    submission_open,
)
from curation.models import (
    OPEN_REVISION_STATES, CurationEvent, ProductRevision, RevisionImage, Submission,
)
from catalogue.states import CurationState
from search.indexing import products_index_after_change
from core.form_tokens.services import form_token_claim, form_token_record

S = CurationState
Kind = CurationEvent.Kind

#: The one-time token of the editing form of a published product (core.form_tokens).
REVISION_FORM_KIND = "curation.revision"


# --- attribute values as JSON ------------------------------------------------------

def _attribute_to_json(value: Any) -> Any:
    if isinstance(value, AttributeOption):
        return {"option": value.pk}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, Decimal):
        return float(value)
    if value is not None and not isinstance(value, (str, int, float, bool)):
        return {"options": sorted(option.pk for option in value)}
    return value


def attributes_to_json(attributes: Mapping[str, Any]) -> dict[str, Any]:
    """Form values of a craft's attributes in a form a revision can store."""
    return {code: _attribute_to_json(value) for code, value in attributes.items()}


def attributes_from_json(data: Mapping[str, Any]) -> dict[str, Any]:
    """The stored values back as the catalogue takes them (options looked up at once)."""
    option_ids = set()
    for value in data.values():
        if isinstance(value, dict):
            option_ids.update([value["option"]] if "option" in value else value.get("options", []))
    options = AttributeOption.objects.in_bulk(option_ids) if option_ids else {}
    values = {}
    for code, value in data.items():
        if isinstance(value, dict) and "option" in value:
            value = options.get(value["option"])
        elif isinstance(value, dict) and "options" in value:
            value = [options[pk] for pk in value["options"] if pk in options]
        elif isinstance(value, dict) and "date" in value:
            value = date.fromisoformat(value["date"])
        values[code] = value
    return values


# --- the artisan's side --------------------------------------------------------------

def open_revision(product: Product) -> ProductRevision | None:
    """The product's revision waiting for the council or for the artisan, if any."""
    return product.revisions.filter(state__in=OPEN_REVISION_STATES).first()


def _lock_open_revision(product: Product) -> ProductRevision | None:
    return (
        ProductRevision.objects.select_for_update()
        .filter(product=product, state__in=OPEN_REVISION_STATES)
        .first()
    )


@dataclass(frozen=True)
class RevisionContent:
    """What an artisan proposes for a published product, checked as far as it can be
    without the database (revision_content_clean)."""

    title: str
    description: str
    category: Category | None
    attributes: Mapping[str, Any]
    photos: list[File]
    extensions: list[str]
    remove_image_ids: list[int]
    remove_new_image_ids: list[int]


@dataclass(frozen=True)
class Proposal:
    """The outcome of revision_propose_locked."""

    revision: ProductRevision
    #: False for the same form sent again (its one-time token already spent): nothing
    #: was written and `revision` is the one the first submit saved.
    written: bool


def revision_content_clean(
    *,
    title: str,
    description: str,
    category: Category | None,
    attributes: Mapping[str, Any],
    photos: Iterable[File] = (),
    remove_image_ids: Iterable[int] = (),
    remove_new_image_ids: Iterable[int] = (),
) -> RevisionContent:
    """Check a proposed revision before any lock is taken: the title and each photo.

    Raises InvalidValue (no title) or InvalidPhoto (naming the file) as
    catalogue.services.
    """
    photos = list(photos)
    return RevisionContent(
        title=catalogue_services.title_clean(title=title),
        description=description or "",
        category=category,
        attributes=attributes,
        photos=photos,
        extensions=[catalogue_services.photo_check(file=photo) for photo in photos],
        remove_image_ids=[int(pk) for pk in remove_image_ids],
        remove_new_image_ids=[int(pk) for pk in remove_new_image_ids],
    )


def revision_propose(
    *,
    product_id: int,
    user,
    title: str,
    description: str,
    category: Category | None,
    attributes: Mapping[str, Any],
    photos: Iterable[File] = (),
    remove_image_ids: Iterable[int] = (),
    remove_new_image_ids: Iterable[int] = (),
    form_token: str = "",
) -> ProductRevision:
    """Save an artisan's edit of a published product as its pending revision.

    One transaction around revision_propose_locked (which says what is written).
    `form_token` is the editing form's one-time token: the same form sent again (a
    double click) adds its photos once and returns the revision the first submit
    saved.

    Raises NotAllowed (not one of the owner's logins, business not verified),
    InvalidTransition (the product is not published, or a curator is reviewing
    the earlier changes), InvalidValue / InvalidPhoto as catalogue.services,
    FormTokenUsedElsewhere when another login spent `form_token`. Nothing is
    written when any of them is raised.
    """
    content = revision_content_clean(
        title=title, description=description, category=category, attributes=attributes,
        photos=photos, remove_image_ids=remove_image_ids,
        remove_new_image_ids=remove_new_image_ids,
    )
    with photo_writes_undone_on_failure(), transaction.atomic():
        product = lock_product(product_id)
        proposal = revision_propose_locked(product, user=user, content=content,
                                           form_token=form_token)
    return proposal.revision


def revision_propose_locked(product: Product, *, user, content: RevisionContent,
                            form_token: str = "") -> Proposal:
    """Save the proposal as the product's pending revision, in the caller's transaction.

    The caller holds the product row locked (select_for_update, taken first, as
    every transition does) inside transaction.atomic, within
    catalogue.photos.photo_writes_undone_on_failure, and writes whatever else
    belongs to the same user action in that transaction (the artisan's
    published-product form: price and stock, artisans.portal.services).

    With no open revision, a new one is made and sent to the council at once (a
    submission, an event, the region's curators told after commit). An open
    revision no curator has claimed yet, or one sent back for changes, is updated
    in place; one sent back stays with the artisan until revision_submit. With
    `form_token` spent already by this user, nothing is written (Proposal.written
    is False).

    Raises NotAllowed, InvalidTransition, InvalidPhoto (no room for the photos),
    FormTokenUsedElsewhere, as revision_propose; the caller's transaction is then
    to be rolled back (raising out of its atomic block does that).
    """
    require_artisan_member(product, user)
    if form_token:
        earlier = form_token_claim(kind=REVISION_FORM_KIND, token=form_token, user=user)
        if earlier is not None:
            return Proposal(revision=ProductRevision.objects.get(pk=earlier), written=False)
    require_verified(product)
    require_state(product, {S.APPROVED})
    revision = _lock_open_revision(product)
    if revision is not None and revision.state == S.IN_REVIEW:
        raise InvalidTransition(_(
            "A curator is reviewing your earlier changes to this product. You can "
            "edit it again once they have decided; price and stock can change now."
        ))
    is_new = revision is None
    if is_new:
        revision = ProductRevision(product=product, created_by=user, state=S.SUBMITTED)
    revision.title = content.title
    revision.description = content.description
    revision.category = content.category
    revision.attributes = attributes_to_json(content.attributes)
    live_ids = set(product.images.values_list("pk", flat=True))
    revision.removed_image_ids = sorted(live_ids & set(content.remove_image_ids))
    revision.save()
    revision.new_images.filter(pk__in=content.remove_new_image_ids).delete()
    kept = len(live_ids) - len(revision.removed_image_ids) + revision.new_images.count()
    catalogue_services.photo_room_check(existing=kept, adding=len(content.photos))
    _new_images_store(revision, content.photos, content.extensions)
    if is_new:
        submission_open(product, user=user, revision=revision)
        event = _event(product, revision, kind=Kind.SUBMITTED, actor=user,
                       from_state=S.APPROVED, to_state=S.SUBMITTED)
        events.notify_after_commit(event)
    if form_token:
        form_token_record(kind=REVISION_FORM_KIND, token=form_token, object_id=revision.pk)
    return Proposal(revision=revision, written=True)


def _new_images_store(revision: ProductRevision, photos: list[File], extensions: list[str]
                      ) -> None:
    """Store the revision's new photos as the catalogue stores them: upright, no metadata.

    `extensions` (from photo_check) are superseded by photo_prepare's: HEIC is stored
    as JPEG. A photo kept from an earlier post is removed from the kept ones after commit.
    """
    last = revision.new_images.order_by("-display_order").first()
    order = last.display_order + 1 if last else 0
    stem = (revision.product.slug or "foto")[:60]
    for offset, photo in enumerate(photos):
        content, extension = catalogue_services.photo_prepare(file=photo)
        image = RevisionImage(revision=revision, display_order=order + offset)
        photo_file_save(image.original, f"{stem}-{uuid.uuid4().hex[:10]}.{extension}", content)
        image.save()
        if hasattr(photo, "discard"):
            transaction.on_commit(photo.discard)


def revision_submit(*, product_id: int, user) -> ProductRevision:
    """The artisan sends a revision that was sent back for changes to the council again.

    Raises NotAllowed (not the owner's login, business not verified) or
    InvalidTransition (no revision waiting for changes).
    """
    with transaction.atomic():
        product = lock_product(product_id)
        require_artisan_member(product, user)
        require_verified(product)
        revision = _require_open_revision(product)
        require_revision_state(revision, {S.CHANGES_REQUESTED})
        submission_open(product, user=user, revision=revision)
        event = revision_move(product, revision, to=S.SUBMITTED, kind=Kind.SUBMITTED,
                              actor=user)
        events.notify_after_commit(event)
    return revision


def revision_withdraw(*, product_id: int, user) -> ProductRevision:
    """The artisan drops their pending changes; the live product stays as it is.

    Possible while no curator has claimed the revision, or after changes were
    requested. Raises NotAllowed (not the owner's login) or InvalidTransition.
    """
    with transaction.atomic():
        product = lock_product(product_id)
        require_artisan_member(product, user)
        revision = _require_open_revision(product)
        require_revision_state(revision, {S.SUBMITTED, S.CHANGES_REQUESTED})
        _withdraw(product, revision, actor=user)
    return revision


def _require_open_revision(product: Product) -> ProductRevision:
    revision = _lock_open_revision(product)
    if revision is None:
        raise InvalidTransition(
            _("“%(title)s” has no pending changes. Reload the page to see what changed.")
            % {"title": product.title}
        )
    return revision


def _withdraw(product: Product, revision: ProductRevision, *, actor, note: str = "") -> None:
    submission = Submission.objects.select_for_update().filter(
        product=product, revision=revision, is_open=True
    ).first()
    if submission is not None:
        close(submission, outcome=S.WITHDRAWN, user=actor, note=note)
    revision_move(product, revision, to=S.WITHDRAWN, kind=Kind.WITHDRAWN, actor=actor,
                  note=note)


def revision_discard_open(product: Product, *, actor) -> None:
    """Withdraw the product's open revision, if any, as the product leaves the shop.

    Runs inside the delisting or retiring transition, with the product locked.
    """
    revision = _lock_open_revision(product)
    if revision is not None:
        _withdraw(product, revision, actor=actor,
                  note=_("Withdrawn because the product left the shop."))


# --- moving a revision (the queue's transitions call this) -------------------------

def _event(product: Product, revision: ProductRevision, *, kind: str, actor, from_state: str,
           to_state: str, note: str = "", criteria: list | None = None) -> CurationEvent:
    return events.curation_event_record(
        product=product, kind=kind, actor=actor, from_state=from_state, to_state=to_state,
        note=note, revision=revision, criteria=criteria,
    )


def revision_move(product: Product, revision: ProductRevision, *, to: str, kind: str, actor,
                  note: str = "", criteria: list | None = None) -> CurationEvent:
    """Set the revision's state and record the event; an approval goes live here."""
    from_state = revision.state
    revision.state = to
    revision.save(update_fields=["state", "updated_at"])
    if to == S.APPROVED:
        _apply(product, revision, actor=actor)
    return _event(product, revision, kind=kind, actor=actor, from_state=from_state,
                  to_state=to, note=note, criteria=criteria)


def _apply(product: Product, revision: ProductRevision, *, actor) -> None:
    catalogue_services.product_content_apply(
        product=product, title=revision.title, description=revision.description,
        category=revision.category, attributes=attributes_from_json(revision.attributes),
        remove_image_ids=revision.removed_image_ids,
        add_image_names=[image.original.name for image in revision.new_images.all()],
    )
    product.curated_by = actor
    product.save(update_fields=["curated_by"])
    products_index_after_change(product_ids=[product.pk])
    # The revision's photos are private until moved to the public storage.
    product_photos_follow_after_commit(product_id=product.pk)


# --- what changed --------------------------------------------------------------------

@dataclass
class FieldChange:
    label: str
    live: str
    proposed: str

    @property
    def changed(self) -> bool:
        return self.live != self.proposed


@dataclass
class RevisionChanges:
    fields: list[FieldChange] = field(default_factory=list)
    photos_kept: list[ProductImage] = field(default_factory=list)
    photos_removed: list[ProductImage] = field(default_factory=list)
    photos_added: list[RevisionImage] = field(default_factory=list)

    @property
    def changed_fields(self) -> list[FieldChange]:
        return [change for change in self.fields if change.changed]


def _shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, (list, tuple)) or hasattr(value, "all"):
        items = value.all() if hasattr(value, "all") else value
        return ", ".join(str(item) for item in items) or "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


def revision_changes(*, revision: ProductRevision) -> RevisionChanges:
    """The revision against the live product, field by field and photo by photo."""
    product = revision.product
    live_category = product.categories.first()
    changes = RevisionChanges()
    changes.fields += [
        FieldChange(_("Title"), product.title, revision.title),
        FieldChange(_("Description"), product.description or "", revision.description),
        FieldChange(
            _("Category"),
            _(live_category.name) if live_category else "—",
            _(revision.category.name) if revision.category else "—",
        ),
    ]
    live_values = {value.attribute.code: value.value for value in product.attr.get_values()}
    proposed = attributes_from_json(revision.attributes)
    for attribute in product.get_product_class().attributes.order_by("pk"):
        changes.fields.append(FieldChange(
            _(attribute.name), _shown(live_values.get(attribute.code)),
            _shown(proposed.get(attribute.code)),
        ))
    removed = set(revision.removed_image_ids)
    for image in product.images.all():
        (changes.photos_removed if image.pk in removed else changes.photos_kept).append(image)
    changes.photos_added = list(revision.new_images.all())
    return changes

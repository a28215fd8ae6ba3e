"""Writes of an artisan's own products: create, edit, price and stock, photos.

Each public function runs in one transaction and first checks that the user is one
of the logins of the artisan who owns the product (or council staff helping that
artisan, see artisans.portal.assist); ids that came from a form are never trusted
on their own. Nothing here publishes: a product is created as a private draft and
only curation.services moves it on (DESIGN.md, "Curation workflow"). The content
itself is checked and written by the catalogue's primitives (catalogue.services).
"""
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.utils import slugify

from catalogue.errors import ContentLocked, NotOwner
from catalogue.models import Artisan, Category, Product, ProductClass, ProductImage
from catalogue.photos import photo_writes_undone_on_failure
from catalogue.services import (
    price_clean, stock_clean, title_clean, category_require, photo_prepare,
    photo_room_check, product_attributes_set, product_category_set, product_image_store,
    image_display_order_next, image_row_delete, image_display_orders_compact,
)
from catalogue.states import CurationState
from artisans.portal.errors import StockChangedMeanwhile
from core.form_tokens.services import form_token_claim, form_token_record
from core.money import rupiah
from curation import events, revisions
from curation.models import CurationEvent, ProductRevision
from partner.models import StockRecord
from search.indexing import products_index_after_change

S = CurationState

#: States in which the artisan may change what the curators judge, in place: none of
#: them is public. Submitted and in-review products are being judged; a published
#: product's content changes through a pending revision (curation.revisions); a
#: delisted one is fixed in place before it is resubmitted.
CONTENT_EDITABLE_STATES = frozenset({S.DRAFT, S.CHANGES_REQUESTED, S.REJECTED, S.DELISTED})

#: The one-time tokens of the artisan's forms (core.form_tokens): what each creates.
PRODUCT_FORM_KIND = "catalogue.product"
PRODUCT_EDIT_FORM_KIND = "catalogue.product-edit"


def _require_member(*, artisan: Artisan | None, user) -> Artisan | None:
    """Check the user may write the artisan's products; say for whom they act.

    Returns None when the user is one of the business's logins, and the artisan
    when council staff act for it (assisted upload: a curator of the artisan's
    region, for a verified business). Raises NotOwner for anyone else.
    """
    from curation.selectors import user_may_assist

    if artisan is not None and user is not None and user.is_authenticated:
        if artisan.partner.users.filter(pk=user.pk).exists():
            return None
        if user_may_assist(user=user, artisan=artisan):
            return artisan
    raise NotOwner(_("Only a login of the business that owns this product can do that."))


def _lock_owned_product(*, product_id: int, user) -> tuple[Product, Artisan | None]:
    """Lock the product row, then check the user may write it (see _require_member).

    Returns the product and the artisan the user acts for (None for its own logins).
    No select_related here: PostgreSQL refuses FOR UPDATE over the nullable side
    of an outer join (Product.artisan is nullable).
    """
    product = Product.objects.select_for_update().get(pk=product_id)
    return product, _require_member(artisan=product.artisan, user=user)


def _assisted_edit_record(product: Product, *, user, on_behalf_of: Artisan | None,
                          note: str) -> None:
    """Council staff changing an artisan's product leave an event: who acted for whom."""
    if on_behalf_of is not None:
        events.curation_event_record(
            product=product, kind=CurationEvent.Kind.EDITED, actor=user,
            from_state=product.curation_state, to_state=product.curation_state, note=note,
            on_behalf_of=on_behalf_of,
        )


def _require_content_editable(product: Product) -> None:
    if product.curation_state not in CONTENT_EDITABLE_STATES:
        raise ContentLocked(
            _("“%(title)s” is “%(state)s”: its title, description, category, "
              "attributes and photos cannot be changed now. Price and stock can.")
            % {"title": product.title, "state": product.get_curation_state_display()}
        )


def _stockrecord_set(product: Product, *, price: Decimal, num_in_stock: int,
                     actor=None, on_behalf_of: Artisan | None = None) -> StockRecord:
    """The artisan's one stock record of the product, created if missing.

    A change of price or stock is written to the product's history (DESIGN.md:
    they take effect at once and are recorded).
    """
    partner = product.artisan.partner
    record = StockRecord.objects.select_for_update().filter(
        product=product, partner=partner
    ).first()
    if record is None:
        record = StockRecord.objects.create(
            product=product, partner=partner, partner_sku=f"PK-{product.artisan_id}-{product.pk}",
            price_currency=settings.OSCAR_DEFAULT_CURRENCY, price=price,
            num_in_stock=num_in_stock,
        )
        products_index_after_change(product_ids=[product.pk])
        return record
    changes = [
        (CurationEvent.Kind.PRICE_CHANGED, record.price, price),
        (CurationEvent.Kind.STOCK_CHANGED, record.num_in_stock, num_in_stock),
    ]
    record.price = price
    record.num_in_stock = num_in_stock
    record.save(update_fields=["price", "num_in_stock", "date_updated"])
    for kind, old, new in changes:
        if old is None or Decimal(old) != Decimal(new):
            events.curation_event_record(
                product=product, kind=kind, actor=actor, from_state=product.curation_state,
                to_state=product.curation_state, note=f"{_plain(old)} → {_plain(new)}",
                on_behalf_of=on_behalf_of,
            )
    products_index_after_change(product_ids=[product.pk])
    return record


def _plain(value) -> str:
    """A price or stock level as a plain whole number, the same in every language."""
    return "–" if value is None else str(int(value))


def product_create(
    *,
    artisan: Artisan,
    user,
    product_class: ProductClass,
    title: str,
    description: str,
    category: Category,
    price: Decimal | int,
    num_in_stock: int,
    attributes: Mapping[str, Any],
    photos: Iterable[File] = (),
    form_token: str = "",
) -> Product:
    """Create a private draft product of the artisan, with its stock record and photos.

    Writes the product (artisan set, draft, not public), its stock record with the
    artisan's partner (price in whole rupiah), its category, the craft's attribute
    values, up to MAX_PHOTOS photos and a CREATED curation event. `form_token` is the
    new-product form's one-time token: a second call with it (a double-clicked
    submit, even at the same moment) writes nothing and returns the product the
    first one made.

    Raises NotOwner if the user is not one of the artisan's logins, InvalidValue for
    a title, category, price, stock level or attribute value the catalogue cannot
    take, InvalidPhoto (naming the file) for a photo that is refused,
    FormTokenUsedElsewhere when another login spent `form_token`. Nothing is
    written when any of them is raised.
    """
    on_behalf_of = _require_member(artisan=artisan, user=user)
    title = title_clean(title)
    category = category_require(category)
    price = price_clean(price)
    num_in_stock = stock_clean(num_in_stock)
    photos = list(photos)
    photo_room_check(existing=0, adding=len(photos))
    prepared = [photo_prepare(file=photo) for photo in photos]

    with photo_writes_undone_on_failure(), transaction.atomic():
        if form_token:
            earlier = form_token_claim(kind=PRODUCT_FORM_KIND, token=form_token, user=user)
            if earlier is not None:
                return Product.objects.get(pk=earlier)
        product = Product(
            product_class=product_class, artisan=artisan, structure=Product.STANDALONE,
            title=title, description=description or "", slug=slugify(title),
            is_public=False, curation_state=S.DRAFT,
        )
        product.save()
        product_attributes_set(product, attributes)
        product_category_set(product, category)
        _stockrecord_set(product, price=price, num_in_stock=num_in_stock, actor=user,
                         on_behalf_of=on_behalf_of)
        for order, (photo, extension) in enumerate(prepared):
            product_image_store(product, file=photo, extension=extension, display_order=order)
        events.curation_event_record(
            product=product, kind=CurationEvent.Kind.CREATED, actor=user,
            from_state="", to_state=S.DRAFT, on_behalf_of=on_behalf_of,
        )
        if form_token:
            form_token_record(kind=PRODUCT_FORM_KIND, token=form_token, object_id=product.pk)
    return product


def product_update(
    *,
    product: Product,
    user,
    title: str,
    description: str,
    category: Category,
    price: Decimal | int,
    num_in_stock: int,
    attributes: Mapping[str, Any],
    photos: Iterable[File] = (),
    form_token: str = "",
) -> Product:
    """Change a not yet published product's content, price and stock; add photos.

    Only drafts, products sent back for changes and rejected products: editing a
    submitted, in-review or published product's content needs the revision
    workflow (for price and stock alone use product_stock_update). The curation
    state is not changed. New photos go after the existing ones. `form_token` is the
    editing form's one-time token: the same form sent again changes nothing more
    (its photos are added once) and returns the product.

    Raises NotOwner if the user is not one of the owner's logins, ContentLocked
    when the product's state forbids content edits, InvalidValue as product_create,
    InvalidPhoto (naming the file) for a refused photo or one too many,
    FormTokenUsedElsewhere as product_create.
    """
    title = title_clean(title)
    category = category_require(category)
    price = price_clean(price)
    num_in_stock = stock_clean(num_in_stock)
    photos = list(photos)
    prepared = [photo_prepare(file=photo) for photo in photos]
    with photo_writes_undone_on_failure(), transaction.atomic():
        product, on_behalf_of = _lock_owned_product(product_id=product.pk, user=user)
        if form_token and form_token_claim(kind=PRODUCT_EDIT_FORM_KIND, token=form_token,
                                           user=user) is not None:
            return product
        _require_content_editable(product)
        photo_room_check(existing=product.images.count(), adding=len(photos))
        product.title = title
        product.description = description or ""
        product.slug = slugify(title)
        product.save(update_fields=["title", "description", "slug", "date_updated"])
        product_attributes_set(product, attributes)
        product_category_set(product, category)
        _stockrecord_set(product, price=price, num_in_stock=num_in_stock, actor=user,
                         on_behalf_of=on_behalf_of)
        order = image_display_order_next(product)
        for offset, (photo, extension) in enumerate(prepared):
            product_image_store(product, file=photo, extension=extension, display_order=order + offset)
        _assisted_edit_record(product, user=user, on_behalf_of=on_behalf_of,
                              note=_("Content edited for the artisan."))
        if form_token:
            form_token_record(kind=PRODUCT_EDIT_FORM_KIND, token=form_token,
                              object_id=product.pk)
    return product


def product_stock_update(
    *,
    product: Product,
    user,
    price: Decimal | int,
    num_in_stock: int,
    expected_price: Decimal | int | None = None,
    expected_num_in_stock: int | None = None,
) -> StockRecord:
    """Change a product's price (whole rupiah) and stock, in any curation state.

    Takes effect at once, also on a published product (DESIGN.md). Given the values
    the artisan's page was loaded with (`expected_price` and `expected_num_in_stock`,
    the stock list sends both), the stored ones are compared with them under the
    row lock, so that a change made meanwhile by another login or another tab is
    never overwritten, even by a save at the same moment. Values already as asked
    are then no conflict and nothing is written (the same list sent twice).

    Raises NotOwner if the user is not one of the owner's logins, InvalidValue for
    a price or stock level the catalogue cannot take, StockChangedMeanwhile (with
    the stored values) when they differ from the expected ones. Nothing is written
    when any of them is raised.
    """
    price = price_clean(price)
    num_in_stock = stock_clean(num_in_stock)
    with transaction.atomic():
        product, on_behalf_of = _lock_owned_product(product_id=product.pk, user=user)
        if expected_price is not None or expected_num_in_stock is not None:
            record = _stockrecord_lock(product)
            if record is not None and _stock_is(record, price, num_in_stock):
                return record
            _require_stock_unchanged(record, price=expected_price,
                                     num_in_stock=expected_num_in_stock)
        return _stockrecord_set(product, price=price, num_in_stock=num_in_stock, actor=user,
                                on_behalf_of=on_behalf_of)


def _stockrecord_lock(product: Product) -> StockRecord | None:
    """The artisan's stock record of the (locked) product, locked too; None if none yet."""
    return StockRecord.objects.select_for_update().filter(
        product=product, partner_id=product.artisan.partner_id
    ).first()


def _stock_is(record: StockRecord, price: Decimal | int | None, num_in_stock: int | None
              ) -> bool:
    """Whether the record holds this price and stock (a None is not compared)."""
    return (
        (price is None or (record.price is not None and Decimal(record.price) == Decimal(price)))
        and (num_in_stock is None or record.num_in_stock == num_in_stock)
    )


def _require_stock_unchanged(record: StockRecord | None, *, price: Decimal | int | None,
                             num_in_stock: int | None) -> None:
    """Raise StockChangedMeanwhile unless the record still holds what the page showed.

    A product without a stock record yet has nothing that could have changed.
    """
    if record is None or _stock_is(record, price, num_in_stock):
        return
    shown_price = rupiah(record.price) if record.price is not None else "–"
    raise StockChangedMeanwhile(
        _("Changed meanwhile to %(price)s and %(stock)s in stock: check and save again.")
        % {"price": shown_price, "stock": record.num_in_stock},
        price=record.price, num_in_stock=record.num_in_stock,
    )


def product_revision_propose(
    *,
    product: Product,
    user,
    price: Decimal | int,
    num_in_stock: int,
    title: str,
    description: str,
    category: Category | None,
    attributes: Mapping[str, Any],
    photos: Iterable[File] = (),
    remove_image_ids: Iterable[int] = (),
    remove_new_image_ids: Iterable[int] = (),
    form_token: str = "",
) -> ProductRevision:
    """Save the editing form of a published product: price and stock, and the rest as
    its pending revision, in one transaction: both or nothing.

    Price and stock take effect at once (recorded as product_stock_update records
    them); the content goes to the council as curation.revisions.revision_propose
    says (a new revision is submitted at once, an open one is updated). `form_token`
    is the form's one-time token: the same form sent again writes nothing more and
    returns the revision the first submit saved.

    Raises NotOwner (not a login of the business nor council staff helping it),
    InvalidValue (a price, stock level or title the catalogue cannot take),
    InvalidPhoto (naming the file; or no room for more photos), NotAllowed (council
    staff: a revision is the artisan's own; the business is not verified),
    InvalidTransition (the product is not published any more, or a curator is
    reviewing the earlier changes), FormTokenUsedElsewhere when another login spent
    `form_token`. Nothing is written when any of them is raised.
    """
    price = price_clean(price)
    num_in_stock = stock_clean(num_in_stock)
    content = revisions.revision_content_clean(
        title=title, description=description, category=category, attributes=attributes,
        photos=photos, remove_image_ids=remove_image_ids,
        remove_new_image_ids=remove_new_image_ids,
    )
    with photo_writes_undone_on_failure(), transaction.atomic():
        product, on_behalf_of = _lock_owned_product(product_id=product.pk, user=user)
        proposal = revisions.revision_propose_locked(product, user=user, content=content,
                                                     form_token=form_token)
        if proposal.written:
            _stockrecord_set(product, price=price, num_in_stock=num_in_stock, actor=user,
                             on_behalf_of=on_behalf_of)
    return proposal.revision


def product_image_add(*, product: Product, user, file: File) -> ProductImage:
    """Add one photo to a not yet published product, after the existing ones.

    Raises NotOwner if the user is not one of the owner's logins, ContentLocked
    when the product's state forbids content edits, InvalidPhoto (naming the file)
    when the file is not an acceptable photo or the product has MAX_PHOTOS already.
    """
    file, extension = photo_prepare(file=file)
    with photo_writes_undone_on_failure(), transaction.atomic():
        product, on_behalf_of = _lock_owned_product(product_id=product.pk, user=user)
        _require_content_editable(product)
        photo_room_check(existing=product.images.count(), adding=1)
        image = product_image_store(
            product, file=file, extension=extension,
            display_order=image_display_order_next(product),
        )
        _assisted_edit_record(product, user=user, on_behalf_of=on_behalf_of,
                              note=_("Photo added for the artisan."))
        return image


def product_image_delete(*, image: ProductImage, user) -> None:
    """Remove a photo of a not yet published product; the file goes after commit.

    Raises NotOwner if the user is not one of the owner's logins, ContentLocked
    when the product's state forbids content edits.
    """
    with transaction.atomic():
        product, on_behalf_of = _lock_owned_product(product_id=image.product_id, user=user)
        _require_content_editable(product)
        image = ProductImage.objects.get(pk=image.pk, product=product)
        image_row_delete(image)
        image_display_orders_compact(product)
        _assisted_edit_record(product, user=user, on_behalf_of=on_behalf_of,
                              note=_("Photo removed for the artisan."))


def product_images_reorder(*, product: Product, user, image_ids: Iterable[int]) -> None:
    """Put the product's photos in this order; the first is the main photo.

    The order is content: possible in the states where the content is edited in
    place (CONTENT_EDITABLE_STATES). Photos not named keep their relative order
    after the named ones; ids of other products' photos are ignored.

    Raises NotOwner if the user is not one of the owner's logins, ContentLocked
    when the product's state forbids content edits.
    """
    wanted = []
    for image_id in image_ids:
        try:
            image_id = int(image_id)
        except (TypeError, ValueError):
            continue
        if image_id not in wanted:
            wanted.append(image_id)
    with transaction.atomic():
        product = _lock_for_photo_order(product_id=product.pk, user=user)
        _images_order_set(product, wanted)


#: How one photo moves in its product's order (product_image_move).
IMAGE_MOVES = ("main", "earlier", "later")


def product_image_move(*, image: ProductImage, user, move: str) -> None:
    """Move one photo of the product to the front ("main"), one place earlier or later.

    The current order is read under the product's lock, so that two moves at the
    same moment (two tabs) each start from the order the other left, and neither
    puts back an order read before the other was saved. A photo removed meanwhile
    is not moved. Possible in the states where the content is edited in place.

    Raises NotOwner if the user is not one of the owner's logins, ContentLocked
    when the product's state forbids content edits, ValueError for a move not in
    IMAGE_MOVES.
    """
    if move not in IMAGE_MOVES:
        raise ValueError(f"Not a photo move: {move!r}")
    with transaction.atomic():
        product = _lock_for_photo_order(product_id=image.product_id, user=user)
        order = _images_order(product)
        if image.pk not in order:
            return
        at = order.index(image.pk)
        order.pop(at)
        order.insert({"main": 0, "earlier": max(at - 1, 0), "later": at + 1}[move], image.pk)
        _images_order_set(product, order)


def _lock_for_photo_order(*, product_id: int, user) -> Product:
    """Lock the product for a change of its photos' order and record who helped."""
    product, on_behalf_of = _lock_owned_product(product_id=product_id, user=user)
    _require_content_editable(product)
    _assisted_edit_record(product, user=user, on_behalf_of=on_behalf_of,
                          note=_("Photos reordered for the artisan."))
    return product


def _images_order(product: Product) -> list[int]:
    return list(product.images.order_by("display_order", "pk").values_list("pk", flat=True))


def _images_order_set(product: Product, wanted: list[int]) -> None:
    """The named photos first, in this order, then the others as they were (product locked)."""
    current = _images_order(product)
    order = [pk for pk in wanted if pk in current] + [pk for pk in current if pk not in wanted]
    for display_order, image_id in enumerate(order):
        ProductImage.objects.filter(pk=image_id).update(display_order=display_order)

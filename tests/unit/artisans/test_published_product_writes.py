"""The artisan's writes on a published product that must be all or nothing (issue 13).

product_revision_propose: price and stock with the pending revision, one transaction.
product_stock_update with the values the page showed: a change made meanwhile is
refused under the row lock, not overwritten.
"""
from decimal import Decimal

import pytest

from artisans.portal import services as portal_services
from artisans.portal.errors import StockChangedMeanwhile
from catalogue import services as catalogue_services
from catalogue.errors import CatalogueError, InvalidPhoto, InvalidValue, NotOwner
from catalogue.states import CurationState as S
from core.form_tokens.services import form_token_new
from curation import revisions, services
from curation.errors import InvalidTransition, NotAllowed
from curation.models import CurationEvent, ProductRevision, Submission
from tests.factories import ArtisanFactory, ProductFactory, published_product
from tests.support.photos import photo_upload, text_renamed_jpg

pytestmark = pytest.mark.django_db
STOCK_KINDS = {CurationEvent.Kind.PRICE_CHANGED, CurationEvent.Kind.STOCK_CHANGED}


@pytest.fixture
def live(artisan):
    return published_product(artisan=artisan, title="Pewter Bangka", description="Asli.",
                             stock=(Decimal("400000"), 2))


@pytest.fixture
def owner(artisan):
    return artisan.partner.users.get()


def _propose(live, user, **overrides):
    values = {"product": live, "user": user, "price": 450000, "num_in_stock": 5,
              "title": "Pewter Bangka Berukir", "description": "Diukir tangan.",
              "category": None, "attributes": {}}
    values.update(overrides)
    return portal_services.product_revision_propose(**values)


def _untouched(live):
    """Price, stock, revisions, submissions and events as the fixture left them."""
    record = live.stockrecords.get()
    assert (record.price, record.num_in_stock) == (Decimal("400000"), 2)
    assert not live.curation_events.filter(kind__in=STOCK_KINDS).exists()
    assert not ProductRevision.objects.filter(product=live).exists()
    assert not Submission.objects.filter(product=live, is_open=True).exists()
    live.refresh_from_db()
    assert (live.title, live.curation_state, live.is_public) == ("Pewter Bangka", S.APPROVED,
                                                                 True)


# --- price and stock with the revision ------------------------------------------------

def test_price_stock_and_the_revision_are_written_together(live, owner):
    revision = _propose(live, owner, photos=[photo_upload()])

    record = live.stockrecords.get()
    assert (record.price, record.num_in_stock) == (Decimal("450000"), 5)
    assert (revision.state, revision.title, revision.new_images.count()) == (
        S.SUBMITTED, "Pewter Bangka Berukir", 1)
    assert Submission.objects.get(product=live, is_open=True).revision == revision
    assert set(live.curation_events.filter(actor=owner).values_list("kind", flat=True)) >= {
        CurationEvent.Kind.SUBMITTED, *STOCK_KINDS}
    live.refresh_from_db()
    assert live.title == "Pewter Bangka"  # the shop keeps the old until approved


@pytest.mark.parametrize("overrides, error", [
    ({"photos": [text_renamed_jpg("catatan.jpg")]}, InvalidPhoto),
    ({"photos": [photo_upload(f"{n}.jpg") for n in range(catalogue_services.MAX_PHOTOS + 1)]},
     InvalidPhoto),
    ({"price": 0}, InvalidValue),
    ({"num_in_stock": -1}, InvalidValue),
    ({"title": "   "}, InvalidValue),
], ids=["not-a-photo", "too-many-photos", "price", "stock", "title"])
def test_a_refused_photo_or_value_writes_nothing(live, owner, overrides, error):
    with pytest.raises(error):
        _propose(live, owner, **overrides)
    _untouched(live)


def test_a_photo_refused_after_the_revision_row_is_written_leaves_no_row_and_no_file(
    live, owner, monkeypatch
):
    # Given the photo is refused when stored, after the revision row was written
    stored = []
    photo_file_save = revisions.photo_file_save

    def save_then_refuse(field, name, content):
        photo_file_save(field, name, content)
        stored.append((field.storage, field.name))
        raise InvalidPhoto("foto.jpg: storage refused it.")

    monkeypatch.setattr(revisions, "photo_file_save", save_then_refuse)

    with pytest.raises(InvalidPhoto):
        _propose(live, owner, photos=[photo_upload("foto.jpg")])

    _untouched(live)
    assert stored and not any(storage.exists(name) for storage, name in stored)


def test_a_revision_in_review_is_a_conflict_and_price_and_stock_stay(live, owner, curator):
    revisions.revision_propose(product_id=live.pk, user=owner, title="Pertama",
                               description="", category=None, attributes={})
    services.submission_claim(product_id=live.pk, user=curator.user)

    with pytest.raises(InvalidTransition):
        _propose(live, owner)

    record = live.stockrecords.get()
    assert (record.price, record.num_in_stock) == (Decimal("400000"), 2)
    assert not live.curation_events.filter(kind__in=STOCK_KINDS).exists()
    assert live.revisions.get().title == "Pertama"


def test_a_product_that_is_not_published_is_refused(artisan, owner):
    draft = ProductFactory(artisan=artisan)
    price = draft.stockrecords.get().price
    with pytest.raises(InvalidTransition):
        _propose(draft, owner)
    assert draft.stockrecords.get().price == price
    assert not draft.revisions.exists()


def test_only_the_owners_logins_and_not_council_staff(live, curator, region):
    stranger = ArtisanFactory(region=region).partner.users.get()
    with pytest.raises(NotOwner):
        _propose(live, stranger)
    # Council staff may change price and stock for the artisan, but a revision of the
    # content is the artisan's own: the whole form is refused, not half saved.
    with pytest.raises(NotAllowed):
        _propose(live, curator.user)
    _untouched(live)


def test_the_same_form_sent_twice_writes_once(live, owner):
    token = form_token_new()
    first = _propose(live, owner, photos=[photo_upload()], form_token=token)
    events = live.curation_events.count()

    second = _propose(live, owner, photos=[photo_upload()], form_token=token)

    assert second == first
    assert first.new_images.count() == 1
    assert live.curation_events.count() == events
    assert live.submissions.filter(is_open=True).count() == 1


def test_a_revision_sent_back_is_updated_in_place_with_the_price(live, owner, curator):
    _propose(live, owner)
    services.submission_claim(product_id=live.pk, user=curator.user)
    services.submission_request_changes(product_id=live.pk, user=curator.user,
                                        note="Sebutkan berat.")

    revision = _propose(live, owner, price=460000, description="Berat 450 g.")

    assert revision.state == S.CHANGES_REQUESTED
    assert live.revisions.count() == 1
    assert live.stockrecords.get().price == Decimal("460000")


# --- the stock list's conflict check, under the lock ------------------------------------

def test_stock_update_with_the_values_the_page_showed_writes(live, owner):
    portal_services.product_stock_update(product=live, user=owner, price=450000,
                                         num_in_stock=5, expected_price=400000,
                                         expected_num_in_stock=2)
    record = live.stockrecords.get()
    assert (record.price, record.num_in_stock) == (Decimal("450000"), 5)


def test_stock_changed_meanwhile_is_refused_with_the_stored_values(live, owner):
    # Given another login changed the price since the page was loaded
    portal_services.product_stock_update(product=live, user=owner, price=410000,
                                         num_in_stock=2)
    events = live.curation_events.count()

    # When the page's save arrives with the values it showed
    with pytest.raises(StockChangedMeanwhile) as refused:
        portal_services.product_stock_update(product=live, user=owner, price=450000,
                                             num_in_stock=5, expected_price=400000,
                                             expected_num_in_stock=2)

    # Then nothing is overwritten and the error says what is stored now
    assert isinstance(refused.value, CatalogueError)
    assert (refused.value.price, refused.value.num_in_stock) == (Decimal("410000"), 2)
    assert "Rp\u00a0410.000" in str(refused.value)
    record = live.stockrecords.get()
    assert (record.price, record.num_in_stock) == (Decimal("410000"), 2)
    assert live.curation_events.count() == events


def test_stock_already_as_asked_is_no_conflict_and_writes_nothing(live, owner):
    portal_services.product_stock_update(product=live, user=owner, price=450000,
                                         num_in_stock=5)
    events = live.curation_events.count()

    record = portal_services.product_stock_update(
        product=live, user=owner, price=450000, num_in_stock=5, expected_price=400000,
        expected_num_in_stock=2)  # the same list sent twice

    assert (record.price, record.num_in_stock) == (Decimal("450000"), 5)
    assert live.curation_events.count() == events


def test_a_stock_change_by_another_business_is_refused_before_the_comparison(live, region):
    stranger = ArtisanFactory(region=region).partner.users.get()
    with pytest.raises(NotOwner):
        portal_services.product_stock_update(product=live, user=stranger, price=1,
                                             num_in_stock=0, expected_price=400000,
                                             expected_num_in_stock=2)
    assert live.stockrecords.get().price == Decimal("400000")


"""Moving one photo of a product in its order, read and written under the product's lock."""
import pytest

from artisans.portal import services as portal_services
from catalogue.errors import ContentLocked, NotOwner
from catalogue.models import Product
from catalogue.states import CurationState
from tests.factories import ArtisanFactory
from tests.support.photos import photo_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def photos(product, artisan_user):
    return [portal_services.product_image_add(product=product, user=artisan_user,
                                              file=photo_upload(f"{n}.jpg"))
            for n in range(3)]


def _order(product):
    return list(product.images.order_by("display_order", "pk").values_list("pk", flat=True))


def test_a_photo_moves_to_the_front_earlier_and_later(product, artisan_user, photos):
    first, second, third = (image.pk for image in photos)

    portal_services.product_image_move(image=photos[2], user=artisan_user, move="main")
    assert _order(product) == [third, first, second]
    portal_services.product_image_move(image=photos[1], user=artisan_user, move="earlier")
    assert _order(product) == [third, second, first]
    portal_services.product_image_move(image=photos[2], user=artisan_user, move="later")
    assert _order(product) == [second, third, first]
    portal_services.product_image_move(image=photos[0], user=artisan_user, move="later")
    assert _order(product) == [second, third, first]  # the last stays last


def test_each_move_starts_from_the_order_now_stored(product, artisan_user, photos):
    # Given the order changed (another tab) after this page read its own copy
    stale = photos[0]
    portal_services.product_image_move(image=photos[2], user=artisan_user, move="main")

    # When this page moves its photo one place later
    portal_services.product_image_move(image=stale, user=artisan_user, move="later")

    # Then the other tab's change stays: the move applies to the stored order
    assert _order(product) == [photos[2].pk, photos[1].pk, photos[0].pk]


def test_moves_are_refused_when_content_is_locked_or_not_ones_own(product, artisan_user,
                                                                   photos, region):
    stranger = ArtisanFactory(region=region).partner.users.get()
    with pytest.raises(NotOwner):
        portal_services.product_image_move(image=photos[2], user=stranger, move="main")
    Product.objects.filter(pk=product.pk).update(curation_state=CurationState.SUBMITTED)
    with pytest.raises(ContentLocked):
        portal_services.product_image_move(image=photos[2], user=artisan_user, move="main")
    with pytest.raises(ValueError):
        portal_services.product_image_move(image=photos[2], user=artisan_user, move="up")
    assert _order(product) == [image.pk for image in photos]


def test_a_photo_removed_meanwhile_is_not_moved(product, artisan_user, photos):
    portal_services.product_image_delete(image=photos[1], user=artisan_user)
    portal_services.product_image_move(image=photos[1], user=artisan_user, move="main")
    assert _order(product) == [photos[0].pk, photos[2].pk]

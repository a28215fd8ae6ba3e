"""Products in every curation state and the pages that show them, for the storefront tests."""
import io

from django.core.files.base import ContentFile
from PIL import Image

from catalogue.models import Product, ProductImage
from catalogue.states import CurationState
from curation import services
from tests import factories

S = CurationState
NOT_APPROVED = [
    S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED, S.REJECTED, S.DELISTED, S.WITHDRAWN,
]


def product_in_state(state: str, **kwargs) -> Product:
    """A product brought to `state` by curation.services, as the workflow brings it there.

    Every transition goes through its service, so the product's variants and its
    curation events follow as they would in the shop.
    """
    if state in (S.DELISTED, S.WITHDRAWN):
        product = factories.published_product(**kwargs)
        if state == S.DELISTED:
            curator = factories.CuratorFactory(regions=[product.artisan.region])
            services.product_delist(product_id=product.pk, user=curator.user,
                                    note="Motif meniru karya lain.")
        else:
            services.product_retire(product_id=product.pk,
                                    user=product.artisan.partner.users.first())
        product.refresh_from_db()
        assert product.curation_state == state
        return product
    product = factories.ProductFactory(**kwargs)
    if state == S.DRAFT:
        return product
    artisan_user = product.artisan.partner.users.first()
    curator = factories.CuratorFactory(regions=[product.artisan.region])
    services.submission_submit(product_id=product.pk, user=artisan_user)
    if state != S.SUBMITTED:
        services.submission_claim(product_id=product.pk, user=curator.user)
    if state == S.CHANGES_REQUESTED:
        services.submission_request_changes(product_id=product.pk, user=curator.user,
                                            note="Foto kurang jelas.")
    elif state == S.REJECTED:
        services.submission_reject(product_id=product.pk, user=curator.user, note="Bukan kriya.")
    product.refresh_from_db()
    assert product.curation_state == state
    return product


def jpeg_bytes(colour=(122, 62, 30), size=(64, 64)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def add_photo(product: Product, *, display_order: int = 0) -> ProductImage:
    image = ProductImage(product=product, display_order=display_order)
    image.original.save(f"p{product.pk}-{display_order}.jpg", ContentFile(jpeg_bytes()), save=True)
    return image


def html(response) -> str:
    return response.content.decode()

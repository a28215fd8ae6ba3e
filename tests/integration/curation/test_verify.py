"""The public curation record (/verify/<code>/) and its QR code for the hang tag."""
import io
from contextlib import contextmanager
from datetime import datetime
from unittest import mock
from xml.etree import ElementTree

import pytest
import segno
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from PIL import Image

from catalogue.models import Product
from curation import public, services
from curation.models import CurationEvent
from curation.records import RecordState, curation_record_for_code
from curation.revisions import revision_propose
from catalogue.states import CurationState
from tests.factories import CriterionFactory, ProductFactory

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def at(day: int, month: int = 3) -> datetime:
    return timezone.make_aware(datetime(2026, month, day, 10, 0))


@contextmanager
def on(moment: datetime):
    """Services and auto_now_add fields read timezone.now(): make it `moment`."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


@pytest.fixture
def criteria():
    return {
        "canting": CriterionFactory(code="canting", name_en="Hand-drawn with a canting",
                                    name_id="Dibatik tulis dengan canting"),
        "dyes": CriterionFactory(code="dyes", name_en="Natural dyes", name_id="Pewarna alam"),
        "packaging": CriterionFactory(code="packaging", name_en="Gift packaging",
                                      name_id="Kemasan hadiah", is_mandatory=False),
    }


def approve(product, curator, results=None, *, note=""):
    """Submit (the first time), claim and approve through the real services."""
    if product.curation_state in (CurationState.DRAFT, CurationState.CHANGES_REQUESTED):
        services.submission_submit(product_id=product.pk,
                                   user=product.artisan.partner.users.get())
    services.submission_claim(product_id=product.pk, user=curator.user)
    services.submission_approve(product_id=product.pk, user=curator.user, note=note,
                                results=results)
    product.refresh_from_db()
    return product


def all_passed(criteria, **overrides):
    results = {c.pk: ("passed", "Dicek di bengkel.") for c in criteria.values()}
    for code, result in overrides.items():
        results[criteria[code].pk] = (result, "")
    return results


@pytest.fixture
def approved(product, curator, criteria):
    with on(at(2)):
        return approve(product, curator, all_passed(criteria, packaging="not_applicable"))


def record_path(product) -> str:
    return reverse("curation-verify", args=[product.verify_code])


# --- the record -----------------------------------------------------------------------

def test_approved_product_gets_a_random_code_and_a_record(approved, region, criteria):
    assert len(approved.verify_code) == 16

    with translation.override("en"):
        record = curation_record_for_code(code=approved.verify_code)

    assert record.product == approved
    assert record.council == "Dekranasda Kabupaten Bojonegoro" == region.council_name
    assert record.state == RecordState.VOUCHED and record.state_since is None
    assert record.curated_since == record.first_approved_at == record.last_approved_at == at(2)
    assert [(c.code, c.name, c.mandatory, c.passed) for c in record.criteria] == [
        ("canting", "Hand-drawn with a canting", True, True),
        ("dyes", "Natural dyes", True, True),
        ("packaging", "Gift packaging", False, False),
    ]
    assert record.criteria[2].result == "not_applicable"


def test_record_page_names_the_council_dates_and_what_was_verified(
    client, approved, curator
):
    curator.user.first_name, curator.user.last_name = "Sulastri", "Wibowo"
    curator.user.save(update_fields=["first_name", "last_name"])

    response = client.get(record_path(approved), **ENGLISH)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Dekranasda Kabupaten Bojonegoro" in html
    assert "Curated since" in html and "Last reviewed" in html
    assert html.count("2 March 2026") >= 2
    assert 'data-record-state="vouched"' in html
    assert 'data-criterion="canting" data-result="passed"' in html
    assert 'data-criterion="packaging" data-result="not_applicable"' in html
    assert "Hand-drawn with a canting" in html and "Not applicable" in html
    # The product page is linked while it is public, and the QR code is offered.
    assert f'href="{approved.get_absolute_url()}"' in html
    assert f'src="/verify/{approved.verify_code}/qr.svg"' in html
    assert f'href="/verify/{approved.verify_code}/qr.png?scale=12"' in html
    assert f'download="pasar-kriya-{approved.verify_code}.svg"' in html
    # The council vouches, not a person; notes may be internal.
    assert "Sulastri" not in html and "Wibowo" not in html
    assert "Dicek di bengkel." not in html
    assert 'name="robots"' not in html


def test_criteria_are_named_in_the_visitors_language(client, approved):
    html = client.get(record_path(approved), HTTP_ACCEPT_LANGUAGE="id").content.decode()

    assert "Dibatik tulis dengan canting" in html
    assert "Hand-drawn with a canting" not in html


def test_approval_without_criteria_says_none_were_listed(client, product, curator):
    # No criteria defined by the council: approval records an empty list.
    with on(at(5)):
        approve(product, curator)

    record = curation_record_for_code(code=product.verify_code)
    assert record.criteria == []
    response = client.get(record_path(product), **ENGLISH)
    assert response.status_code == 200
    assert 'data-criteria="none"' in response.content.decode()
    assert "approved this product without listing the criteria" in response.content.decode()


def test_revision_approval_is_the_last_review_and_keeps_curated_since(
    client, approved, curator, criteria
):
    with on(at(20)):
        revision_propose(product_id=approved.pk, user=approved.artisan.partner.users.get(),
                         title="Kain Batik Tulis (warna baru)", description="Indigo.",
                         category=None, attributes={})
        # At this review the packaging was judged too.
        approve(approved, curator, all_passed(criteria))

    record = curation_record_for_code(code=approved.verify_code)

    assert CurationEvent.objects.filter(product=approved, kind="approved",
                                        revision__isnull=False).count() == 1
    assert (record.curated_since, record.last_approved_at) == (at(2), at(20))
    assert record.was_revised
    assert [c.passed for c in record.criteria] == [True, True, True]
    html = client.get(record_path(approved), **ENGLISH).content.decode()
    assert "2 March 2026" in html and "20 March 2026" in html
    assert "Kain Batik Tulis (warna baru)" in html


def test_approved_again_after_delisting_is_curated_since_the_new_approval(
    approved, curator, criteria
):
    with on(at(10)):
        services.product_delist(product_id=approved.pk, user=curator.user, note="Palsu.")
    with on(at(15)):
        services.product_resubmit(product_id=approved.pk,
                                  user=approved.artisan.partner.users.get())
        approve(approved, curator, all_passed(criteria))

    record = curation_record_for_code(code=approved.verify_code)

    assert approved.verify_code == Product.objects.get(pk=approved.pk).verify_code
    assert record.state == RecordState.VOUCHED
    assert (record.first_approved_at, record.curated_since) == (at(2), at(15))


# --- no longer vouched for ---------------------------------------------------------------

def test_delisted_record_says_the_council_no_longer_vouches(client, approved, curator):
    with on(at(9)):
        services.product_delist(product_id=approved.pk, user=curator.user,
                                note="Motif dicetak, bukan tulis.")

    record = curation_record_for_code(code=approved.verify_code)
    assert (record.state, record.state_since) == (RecordState.DELISTED, at(9))

    response = client.get(record_path(approved), **ENGLISH)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-record-state="delisted"' in html
    assert "no longer vouches for this product" in html and "9 March 2026" in html
    # No reason (it may be internal), no way to buy, no product link, no QR to print.
    assert "Motif dicetak" not in html
    assert "add_to_basket_form" not in html
    assert reverse("basket:add", args=[approved.pk]) not in html
    assert approved.get_absolute_url() not in html
    assert "qr.svg" not in html and "data-criterion=" not in html
    # Tags already printed still open the record.
    assert client.get(f"{record_path(approved)}qr.png").status_code == 200


def test_delisted_and_sent_back_to_the_council_is_still_not_vouched(client, approved, curator):
    with on(at(9)):
        services.product_delist(product_id=approved.pk, user=curator.user, note="Foto.")
    with on(at(11)):
        services.product_resubmit(product_id=approved.pk,
                                  user=approved.artisan.partner.users.get())

    record = curation_record_for_code(code=approved.verify_code)

    assert (record.state, record.state_since) == (RecordState.DELISTED, at(9))


def test_retired_record_says_curated_but_no_longer_offered(client, approved):
    with on(at(12)):
        services.product_retire(product_id=approved.pk,
                                user=approved.artisan.partner.users.get())

    record = curation_record_for_code(code=approved.verify_code)
    assert (record.state, record.state_since) == (RecordState.RETIRED, at(12))

    html = client.get(record_path(approved), **ENGLISH).content.decode()
    assert 'data-record-state="retired"' in html
    assert "the artisan no longer offers it" in html and "12 March 2026" in html
    assert 'data-criterion="canting" data-result="passed"' in html
    assert approved.get_absolute_url() not in html
    assert "add_to_basket_form" not in html


# --- what is not there -------------------------------------------------------------------

def test_unknown_code_is_404(client, approved):
    for path in ("/verify/AAAAAAAAAAAAAAAA/", "/verify/AAAAAAAAAAAAAAAA/qr.png",
                 "/verify/AAAAAAAAAAAAAAAA/qr.svg"):
        assert client.get(path).status_code == 404


def test_code_of_the_wrong_shape_does_not_resolve(client):
    assert client.get("/verify/short/").status_code == 404
    assert client.get("/verify/has.dots.in.it/").status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse("curation-verify", args=["a/b/c/d/e/f/g/h"])


def test_product_never_approved_has_no_code_and_no_record(client, product, curator):
    services.submission_submit(product_id=product.pk, user=product.artisan.partner.users.get())
    services.submission_claim(product_id=product.pk, user=curator.user)
    product.refresh_from_db()
    assert product.verify_code is None

    # Even a code that reached such a product by other means opens nothing.
    Product.objects.filter(pk=product.pk).update(verify_code="NeverApproved123")
    assert curation_record_for_code(code="NeverApproved123") is None
    assert client.get("/verify/NeverApproved123/").status_code == 404


# --- the QR code ---------------------------------------------------------------------

def test_qr_png_is_a_png_that_grows_with_scale_and_is_cached(client, approved):
    path = reverse("curation-verify-qr-png", args=[approved.verify_code])

    sizes = {}
    for scale in (2, 10, 20, 99, 0, "x"):
        response = client.get(path, {"scale": scale})
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        image = Image.open(io.BytesIO(response.content))
        assert image.format == "PNG" and image.width == image.height
        sizes[scale] = image.width

    assert sizes[2] < sizes[10] < sizes[20]
    # Out of range is clamped to 1..20; nonsense gives the default.
    assert sizes[99] == sizes[20] and sizes[0] * 2 == sizes[2] and sizes["x"] == sizes[10]
    assert response["Content-Disposition"] == (
        f'inline; filename="pasar-kriya-{approved.verify_code}.png"'
    )
    cache = response["Cache-Control"]
    assert "public" in cache and f"max-age={public.QR_MAX_AGE}" in cache


def test_qr_png_encodes_the_absolute_address_of_the_record(client, approved):
    url = f"https://testserver/verify/{approved.verify_code}/"

    response = client.get(reverse("curation-verify-qr-png", args=[approved.verify_code]),
                          {"scale": 1}, secure=True)

    # At scale 1 one pixel is one module: read the modules back and compare them with
    # the symbol of the expected address.
    image = Image.open(io.BytesIO(response.content)).convert("L")
    pixels = image.load()
    modules = [
        tuple(pixels[x, y] < 128 for x in range(image.width)) for y in range(image.height)
    ]
    expected = segno.make(url, error="m", micro=False)
    assert modules == [tuple(bool(m) for m in row) for row in expected.matrix_iter(border=4)]
    other = segno.make(url.replace("https", "http"), error="m", micro=False)
    assert modules != [tuple(bool(m) for m in row) for row in other.matrix_iter(border=4)]


def test_qr_svg_is_an_svg_of_the_record_address(client, approved):
    url = f"https://testserver/verify/{approved.verify_code}/"

    response = client.get(reverse("curation-verify-qr-svg", args=[approved.verify_code]),
                          secure=True)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"] == (
        f'inline; filename="pasar-kriya-{approved.verify_code}.svg"'
    )
    assert "public" in response["Cache-Control"]
    root = ElementTree.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    # A viewBox, so it scales on the page and in print; millimetres for the tag.
    assert root.get("viewBox") and root.get("width").endswith("mm")
    assert response.content == public.qr_svg(url)
    assert response.content != public.qr_svg(url.replace("https", "http"))


def test_record_page_shows_its_own_address(client, approved):
    html = client.get(record_path(approved), secure=True).content.decode()

    assert f"https://testserver/verify/{approved.verify_code}/" in html


# --- the product page ----------------------------------------------------------------------

def test_product_page_links_to_the_record(client, approved):
    html = client.get(approved.get_absolute_url(), **ENGLISH).content.decode()

    assert f'href="{record_path(approved)}"' in html
    assert "See the curation record" in html


# --- queries ---------------------------------------------------------------------------

def test_record_is_read_in_three_queries_whatever_the_history(
    client, django_assert_num_queries, approved, curator, criteria
):
    artisan_user = approved.artisan.partner.users.get()
    with django_assert_num_queries(3):
        curation_record_for_code(code=approved.verify_code)
    client.get(record_path(approved))  # the first visit also creates the session
    with CaptureQueriesContext(connection) as short_history:
        client.get(record_path(approved))

    for n in range(4):
        revision_propose(product_id=approved.pk, user=artisan_user, title=f"Kain {n}",
                         description="", category=None, attributes={})
        approve(approved, curator, all_passed(criteria))
    services.product_delist(product_id=approved.pk, user=curator.user, note="Cek ulang.")
    services.product_resubmit(product_id=approved.pk, user=artisan_user)
    approve(approved, curator, all_passed(criteria))

    with django_assert_num_queries(3):
        record = curation_record_for_code(code=approved.verify_code)
    assert record.state == RecordState.VOUCHED
    with CaptureQueriesContext(connection) as long_history:
        assert client.get(record_path(approved)).status_code == 200
    assert len(long_history.captured_queries) == len(short_history.captured_queries)


def test_qr_is_one_query(client, django_assert_num_queries, approved):
    with django_assert_num_queries(1):
        client.get(reverse("curation-verify-qr-svg", args=[approved.verify_code]))


def test_other_products_do_not_leak_into_a_record(client, approved, artisan, curator,
                                                  criteria):
    other = ProductFactory(artisan=artisan, title="Kain lain")
    approve(other, curator, all_passed(criteria))

    assert other.verify_code != approved.verify_code
    html = client.get(record_path(approved)).content.decode()
    assert "Kain lain" not in html

"""Joining the marketplace in a real browser, on a phone (Debian's Chromium, 390 px wide).

A visitor opens /join/ and signs up as an artisan business: their login (name,
email, password twice) and the business (name, region, the batik craft, a 13-digit
NIB, a +62 phone, a story and a photo of the workshop). They land in the artisan
area, signed in and waiting for the council. While waiting they prepare a batik
draft with three photos chosen at once (the upload script shows a progress bar per
photo and follows the server's redirect to the product page), and try to submit it:
refused, the business is not verified. A curator of the region, on their phone,
opens the list of applications, reads this one (NIB, photo, story) and verifies it.
The artisan reloads the product page and submits: the product is in the council's
queue.

Every step is done by clicking and filling forms, and checked in the database.
The browser runs in Indonesian, as the artisans' and councils' browsers do: elements
are found by id, form action, name and data attributes, and the only texts checked
are data (business, council and product names, the NIB). Screenshots of each step
are saved under test-artifacts/screenshots/artisan-joining-*.png.
"""
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from PIL import Image
from playwright.sync_api import expect

from artisans.joining.selectors import admission_latest_decision
from catalogue.models import Artisan, Product, ProductClass
from curation.models import CurationEvent, Submission
from catalogue.states import CurationState
from partner.models import Partner
from tests.browser.conftest import PHONE
from tests.factories import PASSWORD, ArtisanFactory, CuratorFactory, RegionFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

User = get_user_model()

EMAIL = "siti.aminah@example.id"
SIGNUP_PASSWORD = "Batik-Jonegoroan-77"
BUSINESS = "Batik Sekar Jati Bojonegoro"
NIB = "9120012345678"
STORY = ("Kami membatik sejak 1998 di Desa Jono. Motif kayangan dan parang "
         "digambar dengan canting, diwarnai kayu tingi dan daun indigo.")
TITLE = "Kain Batik Tulis Sekar Jati"
DESCRIPTION = "Kain batik tulis 200 x 110 cm, katun primisima, pewarna alam dari kayu tingi."
PHOTO_COLOURS = {"merah.jpg": (160, 40, 40), "biru.jpg": (40, 70, 140),
                 "kuning.jpg": (210, 180, 60)}


def jpeg_file(directory: Path, name: str, colour: tuple[int, int, int],
              size: tuple[int, int] = (640, 480)) -> Path:
    """A small real JPEG on disk, as a phone's camera roll would hand it to the browser."""
    path = directory / name
    Image.new("RGB", size, colour).save(path, format="JPEG")
    return path


def serve_media(page) -> None:
    """Serve uploaded files to this page's browser context from MEDIA_ROOT.

    The test settings run with DEBUG off, so Django does not serve /media/ (a web
    server does in production); without this the photos would be broken.
    """
    root = Path(settings.MEDIA_ROOT)

    def handle(route):
        path = unquote(urlparse(route.request.url).path)
        file = (root / path.removeprefix(settings.MEDIA_URL)).resolve()
        if file.is_file() and file.is_relative_to(root.resolve()):
            route.fulfill(path=str(file))
        else:
            route.fulfill(status=404)

    page.context.route(f"**{settings.MEDIA_URL}**", handle)


def log_in(page, base_url, email, password=PASSWORD) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", password)
    page.click("button[name=login_submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def images_loaded(page, selector: str, count: int) -> None:
    """Bring the (lazy) images into view and wait until all `count` have real pixels."""
    images = page.locator(selector)
    expect(images).to_have_count(count)
    for index in range(count):
        images.nth(index).scroll_into_view_if_needed()
    page.wait_for_function(
        """selector => [...document.querySelectorAll(selector)].every(
               img => img.complete && img.naturalWidth > 0)""",
        arg=selector,
    )
    page.evaluate("window.scrollTo(0, 0)")


def fits_the_phone(page) -> None:
    """Nothing makes the page scroll sideways at 390 px."""
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the phone"


@pytest.fixture
def region():
    return RegionFactory(name="Bojonegoro", slug="kabupaten-bojonegoro")


@pytest.fixture
def batik():
    return ProductClass.objects.get(slug="batik")


@pytest.fixture
def council_curator(region):
    """A curator of the region, named, with tests.factories.PASSWORD."""
    curator = CuratorFactory(regions=[region])
    curator.user.first_name, curator.user.last_name = "Wulandari", "Prasetyaningrum"
    curator.user.save()
    return curator


def visitor_signs_up(page, base, region, batik, tmp_path, screenshot) -> Artisan:
    page.goto(f"{base}/join/")
    fits_the_phone(page)
    # The visitor's login.
    page.fill("#id_full_name", "Siti Aminah")
    page.fill("#id_email", EMAIL)
    page.fill("#id_password1", SIGNUP_PASSWORD)
    page.fill("#id_password2", SIGNUP_PASSWORD)
    # The business.
    page.fill("#id_name", BUSINESS)
    page.select_option("#id_region", str(region.pk))
    craft = page.locator(f"#id_crafts input[name=crafts][value='{batik.pk}']")
    craft.check()
    expect(craft).to_be_checked()
    page.fill("#id_nib", NIB)
    page.fill("#id_phone", "+62 812 3456 7890")
    page.fill("#id_story_id", STORY)
    page.set_input_files("#id_photo", jpeg_file(tmp_path, "bengkel.jpg", (120, 80, 50),
                                                size=(800, 600)))
    page.fill("#id_address", "Jl. Rajekwesi 5, Bojonegoro")
    page.select_option("#id_language", "id")
    screenshot(page, "artisan-joining-1-signup-form-phone")

    with page.expect_navigation():
        page.click("form.joining-form button[type=submit]")
    page.wait_for_url(f"{base}/dashboard/artisan/")
    # Signed in, in the artisan area; the welcome names the business and its council.
    welcome = page.locator("#messages .k-alert--success")
    expect(welcome).to_be_visible()
    expect(welcome).to_contain_text(BUSINESS)
    expect(welcome).to_contain_text(region.council_name)
    expect(page.locator(".portal-cards [data-product]")).to_have_count(0)
    fits_the_phone(page)
    screenshot(page, "artisan-joining-2-waiting-phone")

    user = User.objects.get(email=EMAIL)
    assert (user.first_name, user.last_name) == ("Siti", "Aminah")
    assert user.check_password(SIGNUP_PASSWORD)
    partner = Partner.objects.get(users=user)
    artisan = Artisan.objects.get(partner=partner)
    assert artisan.application_status == "pending" and not artisan.is_verified
    assert (artisan.name, artisan.region, artisan.nib) == (BUSINESS, region, NIB)
    assert list(artisan.crafts.all()) == [batik]
    assert str(artisan.phone) == "+6281234567890"
    assert artisan.story_id == STORY
    assert artisan.photo and Path(artisan.photo.path).is_file()

    # The maker-page form of the artisan area says the application is waiting.
    page.goto(f"{base}/dashboard/artisan/profile/")
    expect(page.locator("[data-notice=pending]")).to_be_visible()
    expect(page.locator("[data-status=pending]").first).to_be_visible()
    page.goto(f"{base}/dashboard/artisan/")
    return artisan


def pending_artisan_prepares_a_draft(page, base, artisan, tmp_path, screenshot) -> Product:
    page.goto(f"{base}/dashboard/artisan/products/new/?craft=batik")
    page.fill("#id_title", TITLE)
    page.fill("#id_description", DESCRIPTION)
    page.select_option("#id_category", index=1)
    page.select_option("#id_attr_technique", label="tulis")
    page.fill("#id_attr_motif", "Sekar Jati")
    page.fill("#id_price", "1250000")
    page.fill("#id_num_in_stock", "2")
    # Three photos chosen at once, as from a phone's gallery.
    page.set_input_files("#id_photos", [jpeg_file(tmp_path, name, colour)
                                        for name, colour in PHOTO_COLOURS.items()])
    # The upload script lists them, each with its own progress bar.
    progress = page.locator("[data-upload-progress]")
    expect(progress).to_be_visible()
    expect(progress.locator("li")).to_have_count(3)
    expect(progress.locator("li progress")).to_have_count(3)
    for index, name in enumerate(PHOTO_COLOURS):
        expect(progress.locator("li").nth(index)).to_contain_text(name)
    fits_the_phone(page)
    screenshot(page, "artisan-joining-3-product-form-phone")

    # The script posts by XHR and then follows the redirect to the product's page.
    page.click("#product-form button[type=submit]")
    page.wait_for_url(re.compile(rf"^{re.escape(base)}/dashboard/artisan/products/\d+/$"))
    product = Product.objects.get(title=TITLE)
    assert page.url == f"{base}/dashboard/artisan/products/{product.pk}/"
    assert product.artisan == artisan
    assert product.curation_state == CurationState.DRAFT
    assert product.images.count() == 3
    assert product.description == DESCRIPTION
    assert product.stockrecords.get().num_in_stock == 2

    expect(page.locator("[data-state]")).to_have_attribute("data-state", CurationState.DRAFT)
    expect(page.locator("[data-main-photo]")).to_have_count(1)
    images_loaded(page, "[data-image] img", 3)
    # The photos are in the order chosen: their pixels are still the colours picked.
    for image, colour in zip(product.images.order_by("display_order", "pk"),
                             PHOTO_COLOURS.values()):
        with Image.open(image.original.path) as stored:
            pixel = stored.convert("RGB").getpixel((stored.width // 2, stored.height // 2))
        assert all(abs(a - b) <= 8 for a, b in zip(pixel, colour)), (pixel, colour)
    fits_the_phone(page)
    screenshot(page, "artisan-joining-4-draft-three-photos-phone")

    # Submitting before the council has verified the business is refused.
    submit = page.locator(f"form[action$='/products/{product.pk}/submit/'] button[type=submit]")
    expect(submit).to_be_visible()
    with page.expect_navigation():
        submit.click()
    expect(page.locator("#messages .k-alert--error")).to_be_visible()
    expect(page.locator("[data-state]")).to_have_attribute("data-state", CurationState.DRAFT)
    screenshot(page, "artisan-joining-5-submit-refused-phone")
    product.refresh_from_db()
    assert product.curation_state == CurationState.DRAFT
    assert not Submission.objects.filter(product=product).exists()
    assert not product.curation_events.filter(kind=CurationEvent.Kind.SUBMITTED).exists()
    return product


def curator_verifies(page, base, artisan, curator, screenshot) -> None:
    page.goto(f"{base}/curation/artisans/")
    card = page.locator(f"[data-artisan='{artisan.pk}']")
    expect(card).to_be_visible()
    expect(card).to_contain_text(BUSINESS)
    expect(card.locator("[data-status]")).to_have_attribute("data-status", "pending")
    fits_the_phone(page)
    screenshot(page, "artisan-joining-6-applications-phone")

    detail = f"{base}/curation/artisans/{artisan.pk}/"
    card.locator(f"a[href$='/curation/artisans/{artisan.pk}/']").click()
    page.wait_for_url(detail)
    expect(page.locator("h1")).to_have_text(BUSINESS)
    expect(page.locator("[data-nib]")).to_have_text(NIB)
    expect(page.locator(".k-prose")).to_contain_text("canting")
    images_loaded(page, "img.joining-photo", 1)
    fits_the_phone(page)
    screenshot(page, "artisan-joining-7-application-phone")

    page.fill("#id_verify-note", "NIB cocok dengan OSS. Selamat bergabung.")
    with page.expect_navigation():
        page.click(f"form[action$='/curation/artisans/{artisan.pk}/verify/'] "
                   "button[name=verify]")
    assert page.url == detail
    expect(page.locator("#messages .k-alert--success")).to_contain_text(BUSINESS)
    expect(page.locator("[data-status]").first).to_have_attribute("data-status", "verified")
    expect(page.locator("[data-answer]")).to_contain_text("Wulandari Prasetyaningrum")
    expect(page.locator(f"form[action$='/artisans/{artisan.pk}/verify/']")).to_have_count(0)
    screenshot(page, "artisan-joining-8-verified-phone")

    artisan.refresh_from_db()
    assert artisan.is_verified and artisan.application_status == "verified"
    answer = admission_latest_decision(artisan=artisan)
    assert answer.actor == curator.user and artisan.verified_at == answer.created_at
    assert answer.note == "NIB cocok dengan OSS. Selamat bergabung."


def verified_artisan_submits(page, base, product, artisan, screenshot) -> None:
    page.reload()
    expect(page.locator("[data-state]")).to_have_attribute("data-state", CurationState.DRAFT)
    with page.expect_navigation():
        page.click(f"form[action$='/products/{product.pk}/submit/'] button[type=submit]")
    expect(page.locator("[data-state]")).to_have_attribute("data-state",
                                                           CurationState.SUBMITTED)
    success = page.locator("#messages .k-alert--success")
    expect(success).to_contain_text(TITLE)
    expect(success).to_contain_text(artisan.region.council_name)
    # Submitted, the draft's photos can no longer be deleted.
    expect(page.locator("form[action*='/photos/'][action$='/delete/']")).to_have_count(0)
    images_loaded(page, "[data-image] img", 3)
    fits_the_phone(page)
    screenshot(page, "artisan-joining-9-submitted-phone")

    product.refresh_from_db()
    assert product.curation_state == CurationState.SUBMITTED
    assert product.images.count() == 3
    submission = Submission.objects.get(product=product)
    assert submission.is_open and submission.claimed_by is None
    submitted = product.curation_events.filter(kind=CurationEvent.Kind.SUBMITTED)
    assert list(submitted.values_list("actor__email", flat=True)) == [EMAIL]


def test_sign_up_prepare_get_verified_and_submit_on_a_phone(
    live_server, new_page, screenshot, tmp_path, mailoutbox, region, batik, council_curator,
):
    base = live_server.url

    artisan_page = new_page(PHONE)
    serve_media(artisan_page)
    artisan = visitor_signs_up(artisan_page, base, region, batik, tmp_path, screenshot)
    # The region's curators are told of the new application.
    assert [m.to for m in mailoutbox] == [[council_curator.user.email]]
    assert f"/curation/artisans/{artisan.pk}/" in mailoutbox[0].body

    product = pending_artisan_prepares_a_draft(artisan_page, base, artisan, tmp_path,
                                               screenshot)

    curator_page = new_page(PHONE)
    serve_media(curator_page)
    log_in(curator_page, base, council_curator.user.email)
    mailoutbox.clear()
    curator_verifies(curator_page, base, artisan, council_curator, screenshot)
    # The business is told the council's answer.
    assert [m.to for m in mailoutbox] == [[EMAIL]]

    verified_artisan_submits(artisan_page, base, product, artisan, screenshot)


def test_the_saved_message_survives_the_upload_script(live_server, new_page, region,
                                                      tmp_path):
    """With the upload script on, the product page still says the draft was saved."""
    artisan = ArtisanFactory(region=region)
    artisan.crafts.add(ProductClass.objects.get(slug="batik"))
    page = new_page(PHONE)
    log_in(page, live_server.url, artisan.partner.users.get().email)
    page.goto(f"{live_server.url}/dashboard/artisan/products/new/?craft=batik")
    page.fill("#id_title", TITLE)
    page.fill("#id_description", DESCRIPTION)
    page.select_option("#id_category", index=1)
    page.select_option("#id_attr_technique", label="tulis")
    page.fill("#id_price", "1250000")
    page.fill("#id_num_in_stock", "2")
    page.set_input_files("#id_photos", [jpeg_file(tmp_path, "merah.jpg", (160, 40, 40))])
    expect(page.locator("[data-upload-progress] li")).to_have_count(1)
    page.click("#product-form button[type=submit]")
    page.wait_for_url(re.compile(r"/dashboard/artisan/products/\d+/$"))
    assert Product.objects.get(title=TITLE).images.count() == 1
    expect(page.locator("#messages .k-alert--success")).to_contain_text(TITLE, timeout=3000)

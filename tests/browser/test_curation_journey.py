"""The curation workflow in a real browser (Debian's Chromium through Playwright).

Given a verified artisan's draft batik and a council with two mandatory criteria
(an authentic technique that asks for evidence, and the product photos), the
artisan uploads an evidence photo and submits; a curator of the region claims it,
passes the technique, finds the photos not met and requests changes; the artisan
reads the council's notes, edits the description, adds a photo and sends it again;
the curator claims it again and approves. A buyer then finds the product on the
artisan's page, sees the council's mark and opens the public curation record, whose
QR code loads. Every step is done by clicking and filling forms, and checked in the
database too. Screenshots of the queue and the review page (phone and desktop), of
the artisan's page with the council's notes and of the record (phone) are saved
under test-artifacts/screenshots/.

The browser runs in Indonesian, as the artisans' and councils' browsers do:
elements are found by form action, name and data attributes, and the only texts
checked are data (product, criterion and council names, notes).
"""
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from django.conf import settings
from PIL import Image
from playwright.sync_api import expect

from artisans.portal.selectors import categories_for_craft
from curation.models import CurationEvent, Evidence, Submission
from catalogue.states import CurationState
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import PASSWORD, CriterionFactory, ProductFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

Kind = CurationEvent.Kind
TITLE = "Selendang Batik Tulis Kayangan Jonegoroan"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TECHNIQUE_NOTE = "Canting dan malam terlihat jelas di foto bukti."
PHOTOS_NOTE = "Hanya ada satu sudut gelap: tambahkan foto kain terbentang di cahaya siang."
FIXED_DESCRIPTION = (
    "Selendang batik tulis motif kayangan, 200 x 50 cm, katun primisima. "
    "Diwarnai dengan kayu tingi dan daun indigo; foto kain terbentang di cahaya siang."
)


def jpeg_file(directory: Path, name: str, colour: tuple[int, int, int]) -> Path:
    """A small real JPEG on disk, as a phone's camera roll would hand it to the browser."""
    path = directory / name
    Image.new("RGB", (640, 480), colour).save(path, format="JPEG")
    return path


def serve_media(page) -> None:
    """Serve uploaded files to this page's browser context from MEDIA_ROOT.

    The test settings run with DEBUG off, so Django does not serve /media/ (a web
    server does in production); without this every photo in the screenshots would
    be broken and the evidence could not be checked as loaded.
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


def log_in(page, base_url, email) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", PASSWORD)
    page.click("button[name=login_submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def image_loaded(page, selector: str) -> None:
    """Wait until every image matching `selector` has loaded real pixels."""
    expect(page.locator(selector).first).to_be_attached()
    page.wait_for_function(
        """selector => [...document.querySelectorAll(selector)].every(
               img => img.complete && img.naturalWidth > 0)""",
        arg=selector,
    )


def both_widths(page, screenshot, name: str) -> None:
    page.set_viewport_size(PHONE)
    screenshot(page, f"{name}-phone")
    page.set_viewport_size(DESKTOP)
    screenshot(page, f"{name}-desktop")


def kinds(product) -> list[str]:
    return list(product.curation_events.order_by("created_at", "pk").values_list("kind", flat=True))


@pytest.fixture
def council_criteria():
    """The council's two mandatory criteria: the technique (with evidence) and the photos."""
    technique = CriterionFactory(
        code="technique", name_id="Teknik batik tulis asli",
        name_en="Authentic hand-drawn technique", asks_evidence=True, display_order=1,
        guidance_id="Cari jejak canting dan malam di foto bukti.",
        guidance_en="Look for the canting and the wax in the evidence photos.",
    )
    photos = CriterionFactory(
        code="photos", name_id="Foto produk jelas", name_en="Clear product photos",
        display_order=2,
    )
    return technique, photos


@pytest.fixture
def draft(artisan):
    product = ProductFactory(artisan=artisan, title=TITLE,
                             description="Selendang batik tulis motif kayangan.")
    product.categories.add(
        categories_for_craft(product_class=product.get_product_class()).filter(depth=2).first()
    )
    return product


def artisan_adds_evidence_and_submits(page, base, product, technique, photos, tmp_path):
    page.goto(f"{base}/dashboard/artisan/products/{product.pk}/")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", CurationState.DRAFT)
    evidence = page.locator("#evidence")
    # Only the criterion that asks for evidence is offered.
    options = evidence.locator("select[name=criterion] option[value]:not([value=''])")
    expect(options).to_have_count(1)
    expect(options).to_have_attribute("value", str(technique.pk))
    evidence.locator("select[name=criterion]").select_option(str(technique.pk))
    evidence.locator("input[name=image]").set_input_files(
        jpeg_file(tmp_path, "canting.jpg", (90, 60, 30))
    )
    evidence.locator("input[name=caption]").fill("Membatik dengan canting di rumah produksi")
    evidence.locator(f"form[action$='/products/{product.pk}/evidence/'] button[type=submit]").click()
    expect(page.locator("#evidence [data-evidence]")).to_have_count(1)
    image_loaded(page, "#evidence [data-evidence] img")

    proof = Evidence.objects.get(product=product)
    assert (proof.criterion, proof.caption) == (technique, "Membatik dengan canting di rumah produksi")
    assert proof.uploaded_by == product.artisan.partner.users.get()
    assert not Evidence.objects.filter(product=product, criterion=photos).exists()

    page.click(f"form[action$='/products/{product.pk}/submit/'] button[type=submit]")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", CurationState.SUBMITTED)
    product.refresh_from_db()
    assert product.curation_state == CurationState.SUBMITTED
    assert kinds(product) == [Kind.SUBMITTED]
    assert Submission.objects.get(product=product, is_open=True).claimed_by is None


def curator_claims(page, base, product):
    page.goto(f"{base}/curation/")
    row = page.locator(f"tr[data-product='{product.pk}']")
    expect(row).to_have_count(1)
    row.locator(f"a[href$='/curation/products/{product.pk}/']").click()
    page.wait_for_url(f"{base}/curation/products/{product.pk}/")
    page.click(f"form[action$='/products/{product.pk}/claim/'] button[type=submit]")
    expect(page.locator("form.k-curate__decision")).to_be_visible()
    expect(page.locator(".k-curate__state")).to_have_attribute("data-state",
                                                               CurationState.IN_REVIEW)


def judge(page, criterion, result: str, note: str = "") -> None:
    page.check(f"input[name='criterion-{criterion.pk}-result'][value='{result}']")
    if note:
        page.fill(f"input[name='criterion-{criterion.pk}-note']", note)


def curator_requests_changes(page, base, product, technique, photos, curator, screenshot):
    page.goto(f"{base}/curation/")
    expect(page.locator("[data-count=waiting]")).to_have_text("1")
    expect(page.locator(f"tr[data-product='{product.pk}']")).to_contain_text(TITLE)
    both_widths(page, screenshot, "curation-journey-queue")

    curator_claims(page, base, product)
    submission = Submission.objects.get(product=product, is_open=True)
    assert submission.claimed_by == curator.user
    product.refresh_from_db()
    assert product.curation_state == CurationState.IN_REVIEW
    # The artisan's evidence is shown beside the criterion it backs, and loads.
    image_loaded(page, f"li[data-criterion='{technique.code}'] .k-evidence img")
    expect(page.locator(f"li[data-criterion='{photos.code}'] .k-evidence")).to_have_count(0)
    both_widths(page, screenshot, "curation-journey-review")

    judge(page, technique, "passed", TECHNIQUE_NOTE)
    judge(page, photos, "failed", PHOTOS_NOTE)
    page.click(f"button[formaction$='/products/{product.pk}/request-changes/']")
    page.wait_for_url(f"{base}/curation/")
    expect(page.locator(f"tr[data-product='{product.pk}']")).to_have_count(0)

    product.refresh_from_db()
    assert product.curation_state == CurationState.CHANGES_REQUESTED
    assert not product.is_published
    assert kinds(product) == [Kind.SUBMITTED, Kind.CLAIMED, Kind.CHANGES_REQUESTED]
    decided = Submission.objects.get(pk=submission.pk)
    assert (decided.is_open, decided.outcome, decided.decided_by) == (
        False, CurationState.CHANGES_REQUESTED, curator.user)
    assert {(r.criterion.code, r.result, r.note) for r in decided.results.all()} == {
        (technique.code, "passed", TECHNIQUE_NOTE), (photos.code, "failed", PHOTOS_NOTE),
    }


def artisan_fixes_and_resubmits(page, base, product, technique, photos, tmp_path, screenshot):
    page.goto(f"{base}/dashboard/artisan/products/{product.pk}/")
    expect(page.locator("[data-state]")).to_have_attribute(
        "data-state", CurationState.CHANGES_REQUESTED)
    decision = page.locator(f"section[data-outcome='{CurationState.CHANGES_REQUESTED}']")
    expect(decision.locator("li[data-result=failed]")).to_contain_text(photos.name_id)
    expect(decision.locator("li[data-result=failed]")).to_contain_text(PHOTOS_NOTE)
    expect(decision.locator("li[data-result=passed]")).to_contain_text(technique.name_id)
    # The evidence stays with the product; it is lazy-loaded, so bring it into view
    # before the full-page screenshot.
    page.locator("#evidence [data-evidence] img").scroll_into_view_if_needed()
    image_loaded(page, "#evidence [data-evidence] img")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "curation-journey-artisan-notes-phone")

    page.fill("#id_description", FIXED_DESCRIPTION)
    page.set_input_files("#id_photos", [jpeg_file(tmp_path, "selendang.jpg", (40, 70, 120))])
    page.click("#product-form button[type=submit]")
    expect(page.locator("[data-image]")).to_have_count(1)
    expect(page.locator("#id_description")).to_have_value(FIXED_DESCRIPTION)
    product.refresh_from_db()
    assert product.description == FIXED_DESCRIPTION
    assert product.images.count() == 1
    assert product.curation_state == CurationState.CHANGES_REQUESTED

    page.click(f"form[action$='/products/{product.pk}/submit/'] button[type=submit]")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", CurationState.SUBMITTED)
    product.refresh_from_db()
    assert product.curation_state == CurationState.SUBMITTED
    assert kinds(product)[3:] == [Kind.SUBMITTED]
    assert Submission.objects.filter(product=product, is_open=True).count() == 1


def curator_approves(page, base, product, technique, photos, curator):
    curator_claims(page, base, product)
    # The earlier decision and its notes are on the page for the second look.
    earlier = page.locator(f".k-decisions li[data-outcome='{CurationState.CHANGES_REQUESTED}']")
    expect(earlier).to_contain_text(PHOTOS_NOTE)
    expect(page.locator(".k-curate__product .k-prose")).to_contain_text("cahaya siang")
    image_loaded(page, ".k-curate__photos img")

    judge(page, technique, "passed")
    judge(page, photos, "passed", "Foto jelas dari empat sisi.")
    page.click(f"button[formaction$='/products/{product.pk}/approve/']")
    page.wait_for_url(f"{base}/curation/")

    product.refresh_from_db()
    assert product.curation_state == CurationState.APPROVED
    assert product.is_published and product.verify_code and product.published_at
    assert kinds(product) == [
        Kind.SUBMITTED, Kind.CLAIMED, Kind.CHANGES_REQUESTED,
        Kind.SUBMITTED, Kind.CLAIMED, Kind.APPROVED,
    ]
    approval = Submission.objects.get(product=product, outcome=CurationState.APPROVED)
    assert approval.decided_by == curator.user
    assert sorted(approval.results.values_list("criterion__code", "result")) == [
        (photos.code, "passed"), (technique.code, "passed"),
    ]
    assert not Submission.objects.filter(product=product, is_open=True).exists()


def buyer_checks_the_record(page, base, product, technique, photos, curator, screenshot):
    council = product.artisan.region.council_name
    page.goto(f"{base}/artisans/{product.artisan.slug}/")
    page.click(f".k-card__body a[href='{product.get_absolute_url()}']")
    page.wait_for_url(f"{base}{product.get_absolute_url()}")
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator("body")).to_contain_text("kayu tingi dan daun indigo")
    seal = page.locator(".k-seal")
    expect(seal).to_contain_text(council)
    screenshot(page, "curation-journey-product-phone")

    seal.locator(f"a[href='/verify/{product.verify_code}/']").click()
    page.wait_for_url(f"{base}/verify/{product.verify_code}/")
    expect(page.locator("[data-record-state=vouched]")).to_contain_text(council)
    criteria = page.locator(".k-record__criteria li")
    expect(criteria).to_have_count(2)
    for criterion in (technique, photos):
        row = page.locator(f".k-record__criteria li[data-criterion='{criterion.code}']")
        expect(row).to_have_attribute("data-result", "passed")
        expect(row).to_contain_text(criterion.name_id)
    # The council vouches, not a person, and its notes may be internal.
    content = page.content()
    assert curator.user.get_full_name() not in content
    assert PHOTOS_NOTE not in content and TECHNIQUE_NOTE not in content

    image_loaded(page, ".k-record__qr img[src$='/qr.svg']")
    png_link = page.locator(".k-record__qr a[href*='/qr.png']")
    response = page.request.get(f"{base}{png_link.get_attribute('href')}")
    assert response.ok and response.headers["content-type"] == "image/png"
    body = response.body()
    assert body.startswith(PNG_SIGNATURE)
    with Image.open(BytesIO(body)) as qr:
        assert qr.width == qr.height and qr.width >= 21 * 12
    screenshot(page, "curation-journey-record-phone")


def test_submit_changes_requested_fixed_and_approved_in_chromium(
    live_server, new_page, screenshot, tmp_path, mailoutbox, artisan, artisan_user, curator,
    council_criteria, draft,
):
    technique, photos = council_criteria
    curator.user.first_name, curator.user.last_name = "Wulandari", "Prasetyaningrum"
    curator.user.save()
    base = live_server.url

    artisan_page = new_page(PHONE)
    serve_media(artisan_page)
    log_in(artisan_page, base, artisan_user.email)
    artisan_adds_evidence_and_submits(artisan_page, base, draft, technique, photos, tmp_path)

    curator_page = new_page(DESKTOP)
    serve_media(curator_page)
    log_in(curator_page, base, curator.user.email)
    mailoutbox.clear()
    curator_requests_changes(curator_page, base, draft, technique, photos, curator, screenshot)
    told = [m for m in mailoutbox if artisan_user.email in m.to]
    assert len(told) == 1 and PHOTOS_NOTE in told[0].body

    artisan_fixes_and_resubmits(artisan_page, base, draft, technique, photos, tmp_path,
                                screenshot)
    curator_approves(curator_page, base, draft, technique, photos, curator)

    buyer_page = new_page(PHONE)
    serve_media(buyer_page)
    buyer_checks_the_record(buyer_page, base, draft, technique, photos, curator, screenshot)

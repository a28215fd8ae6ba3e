"""The artisan's order pages and the council's refund list through the test client."""
import pytest
from django.contrib.messages import ERROR, SUCCESS
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fulfilment import services
from fulfilment.models import LineShipment, LineShipmentEvent
from tests.factories import OrderFactory, UserFactory

from tests.integration.fulfilment.helpers import paid_line

pytestmark = pytest.mark.django_db

SHIP = {"courier": "jne", "courier_other": "", "tracking_number": "CGK1234567890"}
UNABLE = {"reason": "Kain sobek saat dijemur."}


def _levels(response) -> list[int]:
    return [message.level for message in response.context["messages"]]


def _url(name: str, line) -> str:
    return reverse(name, args=[line.pk])


# --- the artisan's flow ------------------------------------------------------------

def test_pack_then_ship_from_the_line_page(
    artisan_client, artisan, mailoutbox, django_capture_on_commit_callbacks
):
    line = paid_line(artisan)
    page = artisan_client.get(_url("portal-order-line-detail", line))
    content = page.content.decode()
    assert _url("portal-order-line-pack", line) in content
    assert _url("portal-order-line-ship", line) in content
    assert line.order.shipping_address.line1 in content

    response = artisan_client.post(_url("portal-order-line-pack", line), follow=True)
    assert _levels(response) == [SUCCESS]
    assert LineShipment.objects.get(line=line).state == "packed"

    with django_capture_on_commit_callbacks(execute=True):
        response = artisan_client.post(_url("portal-order-line-ship", line), SHIP, follow=True)
    assert response.redirect_chain == [(_url("portal-order-line-detail", line), 302)]
    assert _levels(response) == [SUCCESS]
    shipment = LineShipment.objects.get(line=line)
    assert (shipment.state, shipment.courier, shipment.tracking_number) == (
        "shipped", "jne", "CGK1234567890")
    content = response.content.decode()
    assert "CGK1234567890" in content
    assert _url("portal-order-line-ship", line) not in content  # nothing left to do
    assert [e.to == ["pembeli@example.id"] for e in mailoutbox] == [True]
    line.order.refresh_from_db()
    assert line.order.status == "Shipped"


def test_a_double_submit_gets_a_message_and_nothing_doubled(
    artisan_client, artisan, mailoutbox, django_capture_on_commit_callbacks
):
    line = paid_line(artisan)
    first = artisan_client.post(_url("portal-order-line-pack", line), follow=True)
    assert _levels(first) == [SUCCESS]
    response = artisan_client.post(_url("portal-order-line-pack", line), follow=True)
    assert _levels(response) == [ERROR]

    with django_capture_on_commit_callbacks(execute=True):
        artisan_client.post(_url("portal-order-line-ship", line), SHIP, follow=True)
        response = artisan_client.post(_url("portal-order-line-ship", line), SHIP, follow=True)
    assert _levels(response) == [ERROR]
    artisan_client.cookies["django_language"] = "en"  # the message is read in English
    response = artisan_client.post(_url("portal-order-line-ship", line), SHIP, follow=True)
    assert "already" in str(list(response.context["messages"])[0])
    assert list(LineShipmentEvent.objects.values_list("kind", flat=True)) == ["packed", "shipped"]
    assert len(mailoutbox) == 1


def test_a_bad_tracking_number_keeps_the_form(artisan_client, artisan):
    line = paid_line(artisan)
    response = artisan_client.post(
        _url("portal-order-line-ship", line),
        {"courier": "other", "courier_other": "Paxel", "tracking_number": "PX-12"},
    )
    assert response.status_code == 200
    form = response.context["ship_form"]
    assert list(form.errors) == ["tracking_number"]
    content = response.content.decode()
    assert 'value="PX-12"' in content and 'value="Paxel"' in content
    assert '<option value="other" selected>' in content
    assert not LineShipment.objects.filter(line=line).exists()


def test_another_courier_must_be_named(artisan_client, artisan):
    line = paid_line(artisan)
    response = artisan_client.post(
        _url("portal-order-line-ship", line),
        {"courier": "other", "courier_other": "", "tracking_number": "PX0012345"},
    )
    assert list(response.context["ship_form"].errors) == ["courier_other"]
    assert 'value="PX0012345"' in response.content.decode()
    assert not LineShipment.objects.filter(line=line).exists()


def test_unable_without_a_reason_keeps_the_form_open(artisan_client, artisan):
    line = paid_line(artisan)
    response = artisan_client.post(_url("portal-order-line-unable", line),
                                   {"reason": "", "restock": "on"})
    assert list(response.context["unable_form"].errors) == ["reason"]
    assert "<details open>" in response.content.decode()
    assert not LineShipment.objects.filter(line=line).exists()


def test_an_unpaid_line_has_no_actions_and_refuses_them(artisan_client, artisan, mailoutbox):
    line = paid_line(artisan, OrderFactory(status="Awaiting payment"))
    line.status = "Awaiting payment"
    line.save(update_fields=["status"])

    content = artisan_client.get(_url("portal-order-line-detail", line)).content.decode()
    assert 'data-buyer-details="awaiting-payment"' in content
    assert _url("portal-order-line-ship", line) not in content

    for name, data in (("portal-order-line-pack", {}), ("portal-order-line-ship", SHIP),
                       ("portal-order-line-unable", UNABLE)):
        response = artisan_client.post(_url(name, line), data, follow=True)
        assert _levels(response) == [ERROR]
    line.refresh_from_db()
    assert line.status == "Awaiting payment"
    assert not LineShipment.objects.filter(line=line).exists()
    assert mailoutbox == []


def test_unable_to_ship_from_the_line_page(
    artisan_client, artisan, council_staff, mailoutbox, django_capture_on_commit_callbacks
):
    line = paid_line(artisan)
    with django_capture_on_commit_callbacks(execute=True):
        response = artisan_client.post(_url("portal-order-line-unable", line), UNABLE,
                                       follow=True)
    assert _levels(response) == [SUCCESS]
    assert LineShipment.objects.get(line=line).unable_reason == UNABLE["reason"]
    assert 'data-buyer-details="unable"' in response.content.decode()
    assert sorted(e.to[0] for e in mailoutbox) == ["dewan@example.id", "pembeli@example.id"]


# --- another artisan's line ----------------------------------------------------------

ACTIONS = ("portal-order-line-pack", "portal-order-line-ship", "portal-order-line-unable")


def test_another_artisans_line_is_404_on_every_page_and_action(artisan_client, shared_order):
    order, own, other = shared_order
    for name in ("portal-order-line-detail", *ACTIONS):
        assert artisan_client.get(_url(name, other)).status_code == 404, name
    for name, data in zip(ACTIONS, ({}, SHIP, UNABLE)):
        assert artisan_client.post(_url(name, other), data).status_code == 404, name
    # The artisan's own line of the same order is there, and GET on an action is refused.
    assert artisan_client.get(_url("portal-order-line-detail", own)).status_code == 200
    assert artisan_client.get(_url("portal-order-line-pack", own)).status_code == 405

    other.refresh_from_db()
    assert other.status == "Paid"
    assert not LineShipment.objects.exists()
    assert not LineShipmentEvent.objects.exists()


def test_a_line_id_forged_in_the_form_is_ignored(artisan_client, shared_order):
    order, own, other = shared_order
    forged = {**SHIP, "line_id": other.pk, "pk": other.pk, "line": other.pk}
    response = artisan_client.post(_url("portal-order-line-ship", own), forged)
    assert response.status_code == 302
    assert LineShipment.objects.get(line=own).state == "shipped"
    assert not LineShipment.objects.filter(line=other).exists()
    other.refresh_from_db()
    assert other.status == "Paid"


def test_the_list_shows_only_own_lines_under_each_filter(
    artisan_client, artisan, artisan_user, shared_order
):
    order, own, other = shared_order
    packed = paid_line(artisan)
    shipped = paid_line(artisan)
    services.line_pack(line_id=packed.pk, user=artisan_user)
    services.line_ship(line_id=shipped.pk, user=artisan_user, courier="jne",
                       tracking_number="CGK1234567890")

    def shown(show: str) -> list[int]:
        response = artisan_client.get(reverse("portal-order-lines"), {"show": show})
        return sorted(line.pk for line in response.context["lines"])

    assert shown("to-pack") == [own.pk]
    assert shown("to-ship") == [packed.pk]
    assert shown("shipped") == [shipped.pk]
    assert shown("unable") == []
    assert shown("all") == sorted([own.pk, packed.pk, shipped.pk])
    assert shown("nonsense") == shown("all")
    response = artisan_client.get(reverse("portal-order-lines"))
    counts = {f["name"]: f["count"] for f in response.context["filters"]}
    assert counts == {"to-pack": 1, "to-ship": 1, "shipped": 1, "unable": 0, "all": 3}


def test_the_line_list_query_count_does_not_grow(artisan_client, artisan, artisan_user):
    def list_queries(n_lines: int) -> int:
        for i in range(n_lines):
            line = paid_line(artisan)
            if i % 3 == 1:
                services.line_pack(line_id=line.pk, user=artisan_user)
            elif i % 3 == 2:
                services.line_ship(line_id=line.pk, user=artisan_user, courier="pos",
                                   tracking_number=f"P{line.pk:09d}")
        url = reverse("portal-order-lines")
        artisan_client.get(url)  # warm up: session, basket
        with CaptureQueriesContext(connection) as ctx:
            assert artisan_client.get(url).status_code == 200
        return len(ctx.captured_queries)

    assert list_queries(3) == list_queries(12)


# --- the council ---------------------------------------------------------------------

def test_unable_lines_go_to_the_council_who_record_the_refund(
    client, artisan, artisan_user, council_staff, mailoutbox, django_capture_on_commit_callbacks
):
    older = paid_line(artisan)
    newer = paid_line(artisan)
    services.line_unable(line_id=older.pk, user=artisan_user, reason="Retak.")
    services.line_unable(line_id=newer.pk, user=artisan_user, reason="Hilang.")
    client.force_login(council_staff)

    response = client.get(reverse("fulfilment-unable-lines"))
    assert response.status_code == 200
    assert [s.line_id for s in response.context["shipments"]] == [older.pk, newer.pk]
    content = response.content.decode()
    assert older.order.number in content and artisan.name in content
    assert "pembeli@example.id" in content and "Retak." in content

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("fulfilment-line-refund", args=[older.pk]),
                               {"note": "BCA 889977"}, follow=True)
    assert _levels(response) == [SUCCESS]
    assert [s.line_id for s in response.context["shipments"]] == [newer.pk]
    shipment = LineShipment.objects.get(line=older)
    assert (shipment.state, shipment.refunded_by, shipment.refund_note) == (
        "refunded", council_staff, "BCA 889977")
    assert [e.to for e in mailoutbox] == [["pembeli@example.id"]]

    response = client.post(reverse("fulfilment-line-refund", args=[older.pk]),
                           {"note": "again"}, follow=True)
    assert _levels(response) == [ERROR]
    assert LineShipmentEvent.objects.filter(line=older, kind="refunded").count() == 1

    refunded = client.get(reverse("fulfilment-refunded-lines"))
    assert [s.line_id for s in refunded.context["shipments"]] == [older.pk]
    assert "BCA 889977" in refunded.content.decode()


def test_the_council_pages_are_staff_only(client, artisan, artisan_user):
    line = paid_line(artisan)
    services.line_unable(line_id=line.pk, user=artisan_user, reason="Retak.")
    urls = [reverse("fulfilment-unable-lines"), reverse("fulfilment-refunded-lines")]
    refund = reverse("fulfilment-line-refund", args=[line.pk])

    for url in urls:
        assert client.get(url).status_code == 302  # anonymous: to the login page
    for user in (artisan_user, UserFactory()):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403
        assert client.post(refund, {"note": "x"}).status_code == 403
    assert LineShipment.objects.get(line=line).state == "unable"


def test_staff_without_the_payment_permission_cannot_record_a_refund(
    client, artisan, artisan_user
):
    line = paid_line(artisan)
    services.line_unable(line_id=line.pk, user=artisan_user, reason="Retak.")
    client.force_login(UserFactory(is_staff=True))
    response = client.post(reverse("fulfilment-line-refund", args=[line.pk]), follow=True)
    assert _levels(response) == [ERROR]
    assert LineShipment.objects.get(line=line).state == "unable"

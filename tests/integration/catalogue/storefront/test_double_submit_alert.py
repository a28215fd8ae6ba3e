"""A stock-alert form sent twice (a double click) makes one alert and one email.

Sent one after the other, the second copy used to be refused with "has been sent a
confirmation email for another product alert" on the product page; sent at once,
both passed the form's checks (a read) and made two alerts.
"""
import pytest
from django.contrib.messages import ERROR, get_messages
from django.urls import reverse

from core.form_tokens.services import form_token_new
from customer.models import ProductAlert
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _url(product) -> str:
    return reverse("customer:alert-create", kwargs={"pk": product.pk})


def test_a_visitors_alert_form_sent_twice_makes_one_alert_and_one_email(
        client, published, mailoutbox):
    # Given a visitor's stock-alert form
    data = {"email": "tamu@example.id", "form_token": form_token_new()}

    # When it is sent twice
    first = client.post(_url(published), data)
    second = client.post(_url(published), data)

    # Then one alert, one confirmation email, and the second answer is no error
    assert ProductAlert.objects.filter(product=published).count() == 1
    assert len(mailoutbox) == 1
    assert first.status_code == second.status_code == 302
    assert second["Location"] == published.get_absolute_url()
    assert not [m for m in get_messages(second.wsgi_request) if m.level == ERROR]


def test_a_buyers_alert_form_sent_twice_makes_one_alert(client, published):
    buyer = UserFactory()
    client.force_login(buyer)
    data = {"form_token": form_token_new()}

    client.post(_url(published), data)
    second = client.post(_url(published), data)

    assert ProductAlert.objects.filter(user=buyer).count() == 1
    assert not [m for m in get_messages(second.wsgi_request) if m.level == ERROR]


def test_the_product_page_renders_the_alert_forms_token(client, published):
    record = published.stockrecords.get()
    record.num_in_stock = 0
    record.save()

    page = client.get(published.get_absolute_url()).content.decode()

    assert 'id="alert_form"' in page and 'name="form_token"' in page

"""Neither Oscar's dashboard nor the admin offers a way around curation."""
import pytest
from django.urls import reverse
from oscar.core.loading import get_class


pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(signed_in_superuser):
    return signed_in_superuser


def test_dashboard_product_form_has_no_public_flag(client, staff, product):
    assert "is_public" not in get_class("dashboard.catalogue.forms", "ProductForm")._meta.fields
    response = client.get(reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}))
    assert response.status_code == 200
    assert b'name="is_public"' not in response.content
    # Oscar's product form is not shown at all: products change through curation
    # (test_dashboard_edits_go_through_curation.py).
    assert "form" not in response.context


def test_admin_shows_curation_state_read_only(client, staff, product):
    response = client.get(reverse("admin:catalogue_product_change", args=[product.pk]))
    assert response.status_code == 200
    assert b'name="curation_state"' not in response.content
    assert b'name="is_public"' not in response.content


def test_admin_cannot_change_curation_events(client, staff, product, artisan_user):
    from curation import services

    services.submission_submit(product_id=product.pk, user=artisan_user)
    event = product.curation_events.get()
    url = reverse("admin:curation_curationevent_change", args=[event.pk])
    assert client.post(url, {"note": "changed"}).status_code == 403
    event.refresh_from_db()
    assert event.note == ""

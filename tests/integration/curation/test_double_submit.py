"""The council's criterion form sent twice (a double click) adds one criterion.

With a blank code the second copy used to be saved as "natural-dye-2": a duplicate
criterion every decision then asked for.
"""
import pytest
from django.urls import reverse

from curation import criteria
from curation.models import Criterion
from core.form_tokens.services import form_token_new

from tests.support.criteria import form_data

pytestmark = pytest.mark.django_db


def test_the_new_criterion_form_sent_twice_adds_one_criterion(client, staff):
    # Given the new-criterion form with a blank code
    data = form_data()

    # When it is sent twice
    first = client.post(reverse("curation-criterion-create"), data)
    second = client.post(reverse("curation-criterion-create"), data)

    # Then one criterion, and both answers go back to the list
    assert list(Criterion.objects.values_list("code", flat=True)) == ["natural-dye"]
    assert first.status_code == second.status_code == 302
    assert second["Location"] == reverse("curation-criterion-list")


def test_with_a_typed_code_the_second_copy_is_no_error(client, staff):
    data = form_data(code="fair-price")

    client.post(reverse("curation-criterion-create"), data)
    second = client.post(reverse("curation-criterion-create"), data)

    assert second.status_code == 302
    assert Criterion.objects.count() == 1


def test_the_service_returns_the_criterion_its_token_made(staff):
    token = form_token_new()

    first = criteria.criterion_create(name_id="Rapi", name_en="Neat", form_token=token,
                                      user=staff)
    second = criteria.criterion_create(name_id="Rapi", name_en="Neat", form_token=token,
                                       user=staff)

    assert first == second and Criterion.objects.count() == 1

"""The one-time form token: the hidden field, and spending it in a creating transaction."""
import pytest
from django import forms
from django.db import transaction

from core.form_tokens.errors import FormTokenUsedElsewhere
from core.form_tokens.forms import FormTokenMixin
from core.form_tokens.models import UsedFormToken
from core.form_tokens.services import form_token_claim, form_token_new, form_token_record
from core.form_tokens.templatetags.form_tokens import form_token
from tests.factories import UserFactory


class NoteForm(FormTokenMixin, forms.Form):
    note = forms.CharField()


def test_an_unbound_form_renders_a_fresh_token_each_time():
    first, second = NoteForm()["form_token"].value(), NoteForm()["form_token"].value()

    assert len(first) == 32 and first != second
    assert 'type="hidden"' in str(NoteForm()["form_token"])


def test_a_form_sent_back_with_errors_keeps_its_token():
    token = form_token_new()

    form = NoteForm({"note": "", "form_token": token})

    assert not form.is_valid()
    assert form["form_token"].value() == token


@pytest.mark.parametrize("sent", [None, "", "1; DROP TABLE", "A" * 32])
def test_a_form_without_a_well_formed_token_is_refused_and_offers_a_fresh_one(sent):
    data = {"note": "Halo"} | ({} if sent is None else {"form_token": sent})

    form = NoteForm(data)

    assert not form.is_valid()
    assert form.non_field_errors() and "form_token" not in form.errors
    assert form["form_token"].value() not in (sent, "", None)


def test_the_template_tag_renders_the_same_hidden_field():
    html = form_token()

    assert html.startswith('<input type="hidden" name="form_token" value="')


@pytest.mark.django_db
def test_the_first_claim_spends_the_token_and_a_second_finds_what_it_made():
    user, token = UserFactory(), form_token_new()
    with transaction.atomic():
        assert form_token_claim(kind="test.note", token=token, user=user) is None
        form_token_record(kind="test.note", token=token, object_id=41)

    with transaction.atomic():
        again = form_token_claim(kind="test.note", token=token, user=user)

    assert again == 41
    assert UsedFormToken.objects.filter(token=token).count() == 1
    # The same token is a different form for another kind of thing.
    with transaction.atomic():
        assert form_token_claim(kind="test.other", token=token, user=user) is None


@pytest.mark.django_db
def test_a_token_spent_by_another_login_is_refused():
    token = form_token_new()
    with transaction.atomic():
        form_token_claim(kind="test.note", token=token, user=UserFactory())
        form_token_record(kind="test.note", token=token, object_id=1)

    with pytest.raises(FormTokenUsedElsewhere), transaction.atomic():
        form_token_claim(kind="test.note", token=token, user=UserFactory())


@pytest.mark.django_db
def test_a_claim_rolled_back_with_its_transaction_leaves_the_token_unspent():
    user, token = UserFactory(), form_token_new()
    with pytest.raises(RuntimeError), transaction.atomic():
        form_token_claim(kind="test.note", token=token, user=user)
        raise RuntimeError("the creation failed")

    with transaction.atomic():
        assert form_token_claim(kind="test.note", token=token, user=user) is None


@pytest.mark.django_db
def test_a_malformed_token_is_a_programming_error():
    with pytest.raises(ValueError), transaction.atomic():
        form_token_claim(kind="test.note", token="not-a-token", user=None)

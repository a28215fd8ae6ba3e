"""Addresses and form posts of the artisan area's tests."""
from django.urls import reverse

from core.form_tokens.services import form_token_new
from curation import services


def create_url(craft) -> str:
    return f"{reverse('portal-product-create')}?craft={craft.slug}"


def product_post(craft, category, **overrides) -> dict:
    silk = craft.attributes.get(code="bahan").option_group.options.get(option="Sutra")
    data = {
        "title": "Tenun Cual Bangka", "description": "Ditenun dengan benang emas.",
        "category": category.pk, "attr_motif": "Kembang Kundur", "attr_bahan": silk.pk,
        "price": "2750000", "num_in_stock": "3", "form_token": form_token_new(),
    }
    data.update(overrides)
    return data


def approve(product, owner):
    from tests.factories import CuratorFactory

    curator = CuratorFactory(regions=[product.artisan.region])
    services.submission_submit(product_id=product.pk, user=owner)
    services.submission_claim(product_id=product.pk, user=curator.user)
    services.submission_approve(product_id=product.pk, user=curator.user)
    return curator.user


def portal_url(product, name="portal-product-update", *args):
    return reverse(name, args=[product.pk, *args])


def stock_post_data(response, changes: dict[int, tuple[int, int]]) -> dict:
    """The list's form as the browser would send it, with some rows changed."""
    formset = response.context["formset"]
    data = {f"{formset.prefix}-{key}": value
            for key, value in formset.management_form.initial.items()}
    for form in formset:
        values = dict(form.initial)
        if values["product"] in changes:
            values["price"], values["num_in_stock"] = changes[values["product"]]
        data.update({f"{form.prefix}-{key}": value for key, value in values.items()})
    return data

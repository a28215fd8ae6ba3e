"""Oscar's buyer review pages, for public products only.

Oscar finds the product with is_public=True alone, which lets through a variant
whose own row is public under a parent that is not. Here the product of every
review page is looked up in Product.objects.public(), and a review is found only
among the approved reviews of that product.
"""
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from oscar.apps.catalogue.reviews import views as oscar_views
from oscar.apps.catalogue.reviews.models import ProductReview

from catalogue.models import Product
from catalogue.reviews.forms import ProductReviewForm
from catalogue.reviews.services import review_save


def _public_product(pk: int) -> Product:
    return get_object_or_404(Product.objects.public(), pk=pk)


class PublicProductLookup:
    """For Oscar views that pass `product_model` to get_object_or_404, which takes
    a queryset as well as a model."""

    @property
    def product_model(self):
        return Product.objects.public()


class CreateProductReview(PublicProductLookup, oscar_views.CreateProductReview):
    """Oscar's "write a review" page and form handler; a form sent twice saves once."""

    form_class = ProductReviewForm

    def form_valid(self, form):
        self.object, created = review_save(form=form, user=self.request.user,
                                           form_token=form.cleaned_data["form_token"])
        response = HttpResponseRedirect(self.get_success_url())
        if created:
            self.send_signal(self.request, response, self.object)
        return response


class ProductReviewList(PublicProductLookup, oscar_views.ProductReviewList):
    """Oscar's list of a product's approved reviews."""


class ProductReviewDetail(oscar_views.ProductReviewDetail):
    """One approved review of a public product (Oscar shows any review by pk)."""

    def get(self, request, *args, **kwargs):
        self.product = _public_product(kwargs["product_pk"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return ProductReview.objects.approved().filter(product=self.product)

    def get_context_data(self, **kwargs):
        # Skip Oscar's, which looks the product up again, unfiltered.
        context = super(oscar_views.ProductReviewDetail, self).get_context_data(**kwargs)
        context["product"] = self.product
        return context


class AddVoteView(oscar_views.AddVoteView):
    """A vote on an approved review of a public product."""

    def post(self, request, *args, **kwargs):
        product = _public_product(kwargs["product_pk"])
        get_object_or_404(ProductReview.objects.approved(), product=product, pk=kwargs["pk"])
        return super().post(request, *args, **kwargs)

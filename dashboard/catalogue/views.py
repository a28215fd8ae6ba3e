"""Oscar's dashboard product pages, with every write routed to curation.

A product's content reaches the shop only through a curator's approval on record
(curation.services, curation.revisions). Oscar's dashboard would let staff edit,
create, delete, publish or reprice products directly, with no revision, no event
and no search update. Its product list stays (to find a product); the edit,
create and delete pages instead say where the change is made: the curation area
for decisions and delisting, or the artisan area (assisted, for a curator of the
region) for content, price and stock. Nothing posted to them is saved.
"""
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.apps.dashboard.catalogue import views as oscar_views

from catalogue.models import Product
from artisans.portal import assist
from curation.selectors import regions_curated_by

# Oscar's product list, kept for finding products; its bulk actions are gone
# (dashboard.catalogue.mixins.ProductBulkActionMixin).
ProductListView = oscar_views.ProductListView


class ProductChangedThroughCurationView(generic.TemplateView):
    """Explains where a product is changed, instead of Oscar's product form."""

    template_name = "oscar/dashboard/catalogue/product_changed_through_curation.html"
    http_method_names = ["get", "post"]
    title = _("Products are changed through curation")

    def get_product(self):
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(
            Product.objects.select_related("artisan__region", "product_class"),
            pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.get_product()
        context.update(product=product, title=self.title)
        if product is not None and product.artisan_id:
            user = self.request.user
            region = product.artisan.region
            context["may_curate"] = user.is_superuser or regions_curated_by(
                user=user).filter(pk=region.pk).exists()
            context["may_assist"] = assist.assistable_artisans(user=user).filter(
                pk=product.artisan_id).exists()
        return context

    def post(self, request, *args, **kwargs):
        # Oscar's form posted here (an old tab, a script): refused, nothing written.
        context = self.get_context_data(refused=True)
        return self.render_to_response(context, status=403)


class ProductCreateRedirectView(ProductChangedThroughCurationView):
    pass


class ProductCreateUpdateView(ProductChangedThroughCurationView):
    pass


class ProductDeleteView(ProductChangedThroughCurationView):
    title = _("Products are taken off the shop through curation")


class ProductBulkActionConfirmView(generic.View):
    """Oscar's bulk publish/unpublish/price actions wrote past curation: none remain."""

    def dispatch(self, request, *args, **kwargs):
        return HttpResponseNotAllowed([])

"""The list of product cards shared by the browse, category, search, region and artisan pages."""
from django.conf import settings
from django.views.generic import ListView

from catalogue.selectors import products_for_cards, products_ordered
from search.forms import ProductSortForm


class ProductListView(ListView):
    """A paginated, sortable list of public product cards.

    Subclasses give `get_products()`, a queryset that starts from
    catalogue.selectors.products_public(); this class sorts it and loads what
    the cards need, so the number of queries does not grow with the page.
    """

    context_object_name = "products"
    paginate_by = settings.OSCAR_PRODUCTS_PER_PAGE
    form_class = ProductSortForm

    def get_products(self):
        raise NotImplementedError

    def get_form(self):
        if not hasattr(self, "_form"):
            self._form = self.form_class(self.request.GET)
        return self._form

    def get_queryset(self):
        products = products_ordered(self.get_products(), sort=self.get_form().sort())
        return products_for_cards(products)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["sort_form"] = self.get_form()
        return ctx

"""The search page: a simple database search over public products (products_search)."""
from oscar.apps.search.signals import user_search

from catalogue.selectors import products_search
from search.forms import SearchForm
from search.views.base import ProductListView


class FacetedSearchView(ProductListView):
    """/search/?q=… (Oscar's name for the view, so that Oscar's search app mounts it)."""

    template_name = "oscar/search/results.html"
    form_class = SearchForm

    def dispatch(self, request, *args, **kwargs):
        # Oscar's analytics app counts searches through this signal.
        user_search.send(
            sender=self, session=request.session, user=request.user,
            query=request.GET.get("q", ""),
        )
        return super().dispatch(request, *args, **kwargs)

    def get_products(self):
        return products_search(q=self.get_form().query())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["query"] = self.get_form().query()
        return ctx

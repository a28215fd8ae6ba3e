"""The search page: /search/?q=… with facets, through the search backend."""
from oscar.apps.search.signals import user_search

from search.forms import SearchForm
from search.views.base import SearchListView, facet_filters


class FacetedSearchView(SearchListView):
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

    def search_text(self) -> str:
        return self.get_form().query()

    def should_search(self) -> bool:
        # An empty box with no facet picked asks for nothing: the page invites a search.
        return bool(self.search_text() or facet_filters(self.request.GET))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["query"] = self.search_text()
        ctx["searched"] = self.should_search()
        return ctx

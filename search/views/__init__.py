"""Oscar's search.views, forked: browse and search read the database (no Haystack)."""
from search.views.catalogue import CatalogueView, ProductCategoryView
from search.views.search import FacetedSearchView

__all__ = ["CatalogueView", "FacetedSearchView", "ProductCategoryView"]

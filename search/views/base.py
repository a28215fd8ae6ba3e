"""The lists of product cards shared by the browse, category, search, region and artisan pages.

Every one of them is a SearchListView: it asks the search backend
(search.backends.search_backend) for one page of ids with facets, and loads the
cards of those ids. A page that stands for one craft, region or artisan narrows
through `fixed_filters()`: a filter the buyer cannot remove, and not offered as a facet.
"""
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from catalogue.models import Product
from catalogue.selectors import products_for_cards
from search.backends import search_backend
from search.engine import FACETS, PRICE_RANGES, SearchRequest
from search.forms import ProductSortForm

#: The query-string parameter of each facet. The craft facet is "category"
#: because ?craft= has long named a product class on the browse page.
FACET_PARAMS = {facet: facet for facet in FACETS} | {"craft": "category"}
FACET_TITLES = {
    "craft": _("Craft"), "region": _("Region"), "artisan": _("Artisan"),
    "technique": _("Technique"), "material": _("Material"), "dye": _("Dye"),
    "price": _("Price"),
}
#: How many keys of one facet a request may select (a long query string is not a long query).
MAX_KEYS = 20


#: The keys the price facet knows; a craft key is a category id (a PostgreSQL integer).
PRICE_KEYS = frozenset(key for key, _low, _high in PRICE_RANGES)
MAX_CATEGORY_ID = 2**31 - 1


def facet_filters(query_dict, *, facets=FACETS) -> dict[str, tuple[str, ...]]:
    """The facet values selected in the query string: facet name -> keys.

    Raises BadRequest (400) for a key no page links to: a craft that is not a category
    id, a price that is not one of PRICE_RANGES. (Other facets' keys are names the
    index may or may not hold: an unknown one finds nothing.)
    """
    filters = {}
    for facet in facets:
        keys = tuple(dict.fromkeys(
            key.strip()[:200] for key in query_dict.getlist(FACET_PARAMS[facet]) if key.strip()
        ))[:MAX_KEYS]
        if facet == "craft" and not all(_category_id(key) for key in keys):
            raise BadRequest("The craft filter takes category ids.")
        if facet == "price" and not PRICE_KEYS.issuperset(keys):
            raise BadRequest("Unknown price range.")
        if keys:
            filters[facet] = keys
    return filters


def _category_id(key: str) -> bool:
    # ASCII digits only: str.isdigit() also takes "²", which int() refuses.
    return key.isascii() and key.isdigit() and 0 < int(key) <= MAX_CATEGORY_ID


class _ResultPage(Sequence):
    """What Django's Paginator pages through: `total` items, of which one page is loaded."""

    def __init__(self, *, total: int, offset: int, items: list):
        self.total, self.offset, self.items = total, offset, items

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        if isinstance(index, slice) and (index.start or 0) == self.offset:
            return self.items
        if isinstance(index, slice):
            return []
        return self.items[index - self.offset]


class SearchListView(TemplateView):
    """A page of public product cards found through the search backend, with facets.

    Subclasses say which facets the buyer may pick (`facets`), what the page itself
    narrows to (`fixed_filters()`) and the text searched (`search_text()`). A facet
    the page fixes is never offered nor read from the query string: the region
    page's ?region=elsewhere widens nothing.
    """

    paginate_by = settings.OSCAR_PRODUCTS_PER_PAGE
    form_class = ProductSortForm
    facets = FACETS

    def get_form(self):
        if not hasattr(self, "_form"):
            self._form = self.form_class(self.request.GET)
        return self._form

    def search_text(self) -> str:
        return ""

    def fixed_filters(self) -> dict[str, tuple[str, ...]]:
        return {}

    def should_search(self) -> bool:
        return True

    def offered_facets(self) -> tuple[str, ...]:
        """The facets the buyer may pick here: `facets` less the ones the page fixes."""
        fixed = self.fixed_filters()
        return tuple(facet for facet in self.facets if facet not in fixed)

    def page_number(self) -> int:
        try:
            number = int(self.request.GET.get("page") or 1)
        except ValueError:
            raise Http404("Invalid page") from None
        if number < 1:
            raise Http404("Invalid page")
        return number

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        number = self.page_number()
        offered = self.offered_facets()
        selected = facet_filters(self.request.GET, facets=offered)
        fixed = self.fixed_filters()
        search_request = SearchRequest(
            text=self.search_text(), filters={**selected, **fixed}, fixed=tuple(fixed),
            sort=self.get_form().sort(), page=number, per_page=self.paginate_by,
        )
        if self.should_search():
            result = search_backend().search(search_request)
            total, ids, found_facets = result.total, result.product_ids, result.facets
        else:
            total, ids, found_facets = 0, [], {}
        cards = {product.pk: product for product in
                 products_for_cards(Product.objects.filter(pk__in=ids))}
        products = [cards[pk] for pk in ids if pk in cards]
        paginator = Paginator(
            _ResultPage(total=total, offset=(number - 1) * self.paginate_by, items=products),
            self.paginate_by,
        )
        try:
            page = paginator.page(number)
        except InvalidPage:
            raise Http404("Invalid page") from None
        ctx.update({
            "products": page.object_list, "paginator": paginator, "page_obj": page,
            "is_paginated": page.has_other_pages(), "sort_form": self.get_form(),
            "search_request": search_request,
            "facets": [
                {"name": facet, "title": FACET_TITLES[facet], "param": FACET_PARAMS[facet],
                 "values": found_facets.get(facet, []),
                 "open": bool(selected.get(facet))}
                for facet in offered if found_facets.get(facet)
            ],
            "facets_selected": bool(selected),
        })
        return ctx


"""The region and maker pages, browsed through the search backend like the categories.

Each is a search with a fixed filter (the region, the artisan); the buyer narrows
the products by the remaining facets.
"""
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from catalogue.models import Region
from catalogue.selectors import artisans_public
from search.engine import FACETS
from search.views.base import SearchListView


class RegionDetailView(SearchListView):
    """A region: its council, its description, its artisans and its curated products.

    The products are found through the search interface with the region as a
    fixed filter; the buyer narrows them by craft, artisan, technique, material,
    dye and price.
    """

    template_name = "catalogue/region_detail.html"
    facets = tuple(facet for facet in FACETS if facet != "region")

    def get(self, request, *args, **kwargs):
        self.region = get_object_or_404(Region, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def fixed_filters(self):
        return {"region": (self.region.slug,)}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["region"] = self.region
        ctx["region_description"] = self.region.description(get_language() or "")
        ctx["artisans"] = artisans_public().filter(region=self.region)
        return ctx


class ArtisanDetailView(SearchListView):
    """An artisan business: its story, region, crafts and curated products.

    Only artisans a buyer may look up (catalogue.selectors.artisans_public) have
    a page; anyone else's address is a 404, like an unpublished product's. The
    products are found through the search interface with the artisan as a fixed
    filter; the buyer narrows them by craft, technique, material, dye and price
    (the artisan's region is one, so it is no facet here).
    """

    template_name = "catalogue/artisan_detail.html"
    facets = tuple(facet for facet in FACETS if facet not in ("region", "artisan"))

    def get(self, request, *args, **kwargs):
        self.artisan = get_object_or_404(
            artisans_public().select_related("region"), slug=kwargs["slug"]
        )
        return super().get(request, *args, **kwargs)

    def fixed_filters(self):
        return {"artisan": (self.artisan.slug,)}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["artisan"] = self.artisan
        ctx["artisan_story"] = self.artisan.story(get_language() or "")
        ctx["crafts"] = self.artisan.crafts.all()
        return ctx

"""A region's and a maker's pages (search/views/places.py), at the storefront's root."""
from django.urls import path

from search.views import places

urlpatterns = [
    path("regions/<slug:slug>/", places.RegionDetailView.as_view(), name="region-detail"),
    path("artisans/<slug:slug>/", places.ArtisanDetailView.as_view(), name="artisan-detail"),
]

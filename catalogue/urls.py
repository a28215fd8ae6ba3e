"""Storefront pages of our own: the home page, regions and artisans.

Included before Oscar's URLs, so "/" is our home page rather than Oscar's
redirect to the catalogue.
"""
from django.urls import path

from catalogue import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("regions/", views.RegionListView.as_view(), name="region-list"),
    path("regions/<slug:slug>/", views.RegionDetailView.as_view(), name="region-detail"),
    path("artisans/<slug:slug>/", views.ArtisanDetailView.as_view(), name="artisan-detail"),
]

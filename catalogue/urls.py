"""Storefront pages of our own: the home page and the list of regions.

A region's and a maker's pages are search pages (search/place_urls.py).

Included before Oscar's URLs, so "/" is our home page rather than Oscar's
redirect to the catalogue.
"""
from django.urls import path

from catalogue import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("regions/", views.RegionListView.as_view(), name="region-list"),
]

"""Storefront pages of our own: regions and artisans."""
from django.urls import path

from catalogue import views

urlpatterns = [
    path("regions/<slug:slug>/", views.RegionDetailView.as_view(), name="region-detail"),
    path("artisans/<slug:slug>/", views.ArtisanDetailView.as_view(), name="artisan-detail"),
]

"""The artisan's photos (under /dashboard/artisan/photos/)."""
from django.urls import path

from artisans.portal import photo_views

urlpatterns = [
    path("products/<int:pk>/<int:image_pk>/move/", photo_views.ProductPhotoMoveView.as_view(),
         name="portal-product-photo-move"),
]

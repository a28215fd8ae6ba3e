"""The artisan area: an artisan's own products and order lines."""
from django.urls import path

urlpatterns: list = []

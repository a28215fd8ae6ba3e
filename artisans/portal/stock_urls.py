"""Price and stock of all the artisan's products, at /dashboard/artisan/stock/."""
from django.urls import path

from artisans.portal import stock_views

urlpatterns = [
    path("", stock_views.StockListView.as_view(), name="portal-stock-list"),
]

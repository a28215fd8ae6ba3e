"""The artisan's order lines, included at /dashboard/artisan/orders/."""
from django.urls import path

from fulfilment import portal_views

urlpatterns = [
    path("", portal_views.OrderLineListView.as_view(), name="portal-order-lines"),
    path("<int:pk>/", portal_views.OrderLineDetailView.as_view(),
         name="portal-order-line-detail"),
]

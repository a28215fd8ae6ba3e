"""The artisan's order lines, included at /dashboard/artisan/orders/."""
from django.urls import path

from artisans.portal import order_views as portal_views

urlpatterns = [
    path("", portal_views.OrderLineListView.as_view(), name="portal-order-lines"),
    path("<int:pk>/", portal_views.OrderLineDetailView.as_view(),
         name="portal-order-line-detail"),
    path("<int:pk>/pack/", portal_views.LinePackView.as_view(),
         name="portal-order-line-pack"),
    path("<int:pk>/ship/", portal_views.LineShipView.as_view(),
         name="portal-order-line-ship"),
    path("<int:pk>/unable/", portal_views.LineUnableView.as_view(),
         name="portal-order-line-unable"),
]

"""The buyer's fulfilment actions, under /accounts/orders/ (beside Oscar's order pages)."""
from django.urls import path

from fulfilment import buyer_views

urlpatterns = [
    path("<str:number>/lines/<int:line_id>/received/", buyer_views.LineReceivedView.as_view(),
         name="fulfilment-line-received"),
]

"""The artisan area: an artisan's own products and order lines (under /dashboard/artisan/)."""
from django.urls import include, path

from catalogue.portal import views

urlpatterns = [
    path("", views.ProductListView.as_view(), name="portal-product-list"),
    path("products/new/", views.ProductCreateView.as_view(), name="portal-product-create"),
    path("products/<int:pk>/", views.ProductUpdateView.as_view(), name="portal-product-update"),
    path("products/<int:pk>/evidence/", views.EvidenceAddView.as_view(),
         name="portal-product-evidence-add"),
    path("products/<int:pk>/evidence/<int:evidence_pk>/delete/",
         views.EvidenceDeleteView.as_view(), name="portal-product-evidence-delete"),
    path("products/<int:pk>/photos/<int:image_pk>/delete/",
         views.ProductImageDeleteView.as_view(), name="portal-product-image-delete"),
    path("orders/", include("fulfilment.portal_urls")),
    path("statements/", include("statements.portal_urls")),
    path("profile/", include("catalogue.joining.portal_urls")),
    path("photos/", include("catalogue.portal.photo_urls")),
    path("stock/", include("catalogue.portal.stock_urls")),
]
urlpatterns += [
    path(f"products/<int:pk>/{action}/", views.ProductCurationActionView.as_view(action=action),
         name=f"portal-product-{action}")
    for action in views.ProductCurationActionView.actions
]

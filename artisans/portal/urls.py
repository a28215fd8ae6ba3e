"""The artisan area: an artisan's own products and order lines (under /dashboard/artisan/)."""
from django.urls import include, path

from artisans.portal import views

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
    path("orders/", include("artisans.portal.order_urls")),
    path("statements/", include("artisans.portal.statement_urls")),
    path("profile/", include("artisans.joining.portal_urls")),
    path("photos/", include("artisans.portal.photo_urls")),
    path("stock/", include("artisans.portal.stock_urls")),
]
urlpatterns += [
    path(f"products/<int:pk>/{action}/", views.ProductCurationActionView.as_view(action=action),
         name=f"portal-product-{action}")
    for action in views.ProductCurationActionView.actions
]

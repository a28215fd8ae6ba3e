from django.urls import include, path

from curation import views

urlpatterns = [
    path("", views.QueueView.as_view(), name="curation-queue"),
    path("figures/", include("curation.figures_urls")),
    path("products/<int:pk>/", views.ProductCurateView.as_view(), name="curation-product"),
]
urlpatterns += [
    path(
        f"products/<int:pk>/{action}/",
        views.ProductCurateActionView.as_view(action=action),
        name=f"curation-product-{action}",
    )
    for action in views.ProductCurateActionView.actions
]

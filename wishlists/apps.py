import oscar.apps.wishlists.apps as apps


class WishlistsConfig(apps.WishlistsConfig):
    name = 'wishlists'

    def ready(self):
        super().ready()
        self._install_customer_wishlist_views()
        self._install_customer_alert_views()

    def _install_customer_wishlist_views(self):
        """Serve the buyer's wish list pages with our views (wishlists/views.py).

        They belong to Oscar's customer app, which is not forked, so Oscar's
        get_class("customer.wishlists.views", ...) never looks in this app. The
        customer app (earlier in INSTALLED_APPS, so already ready) builds its URLs
        from these attributes when the URLconf is first loaded, after every ready().
        """
        from django.apps import apps as django_apps

        from wishlists import views

        customer = django_apps.get_app_config("customer")
        customer.wishlists_detail_view = views.WishListDetailView
        customer.wishlists_add_product_view = views.WishListAddProduct
        customer.wishlists_create_view = views.WishListCreateView
        customer.wishlists_create_with_product_view = views.WishListCreateView

    def _install_customer_alert_views(self):
        """Serve the stock-alert pages with catalogue/alerts.py's views.

        They belong with the catalogue, but CatalogueConfig.ready() cannot install
        them: catalogue comes before customer in INSTALLED_APPS, and the customer
        app's ready() would then set Oscar's views back. This app comes after
        customer, like the wish list views above need it to.
        """
        from django.apps import apps as django_apps

        from catalogue import alerts

        alerts.install_views(django_apps.get_app_config("customer"))

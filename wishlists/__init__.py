default_app_config = 'wishlists.apps.WishlistsConfig'

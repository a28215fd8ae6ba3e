from oscar.apps.wishlists.models import * 

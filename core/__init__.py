"""The ground floor: small tools every app of the shop shares.

core owns what is not one domain's business but every domain needs: money
formatting (``core.money``) and, as they move here, the access mixins, the
append-only model guard and the CSV response. It imports only Django, Babel and
the standard library, never one of the shop's apps (catalogue, curation,
fulfilment, payouts, statements, search, shop, ...), so that every app can
import it without closing a circle.

It is a Django app only so that templates can ``{% load money %}``; it has no
models and no migrations.
"""

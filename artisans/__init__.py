"""The artisans' side of the marketplace: joining, and the artisan area.

Owns: the application to join and the council's verification of a business
(joining/), a workflow whose every step is an append-only AdmissionEvent (models.py;
the state itself is catalogue.Artisan.admission_state), and the artisan area under
/dashboard/artisan/ (portal/): the artisan's own product writes (portal/services.py), photos, stock, evidence, order lines and
statements pages, and council staff's assisted upload for an artisan.

May import: core, partner, catalogue, search, curation, payments, fulfilment,
payouts, statements. Imported by: dashboard, demo, shop (the project's urls).
"""

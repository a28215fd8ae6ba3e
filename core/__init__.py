"""The ground floor: what every app of the shop shares, owned by no domain.

Owns: money formatting (money.py, ``{% load money %}``), access mixins (access.py),
append-only rows (models.AppendOnlyModel) and the once-only email ledger
(notifications.py, models.Notification), the council's calendar (calendar.py), CSV
files (csv.py), hooks by which a lower app sets off work in a higher one
(hooks.py), the outbox of side effects (outbox/), one-time form tokens
(form_tokens/), storages, the cache, the client's address and the read-only admin.

May import: nothing of the shop (only Django, Celery, Redis and other libraries),
never Oscar. Imported by every app (tests/unit/core/test_ground_floor.py).
"""

"""One-time form tokens: a form that creates something is acted on once.

The form carries a fresh token in a hidden field (forms.FormTokenMixin, or
{% form_token %} in a hand-written form); the service that creates the row claims
the token in its own transaction (services.form_token_claim) and records what it
made (services.form_token_record). A second submit of the same form (a double
click, a page sent again) finds the first one's row instead of making another:
the UNIQUE (kind, token) constraint decides, so two submits at the same moment
are one creation too. Any app may use it: it imports nothing of ours.
"""

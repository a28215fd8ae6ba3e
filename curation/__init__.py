"""The curation workflow: the council's judgement of every product before it is sold.

Owns: submissions and their states' transitions (services.py: one locked
transaction each, an append-only CurationEvent), revisions of published products,
criteria and evidence, reminders and escalations, figures for the council, the
public curation record (/verify/), private files, and the curators' queue.

May import: core, partner, catalogue, search.
"""

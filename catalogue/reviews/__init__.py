"""Classes of Oscar's reviews app (label "reviews") overridden for Pasar Kriya.

The reviews app itself is not forked: Oscar loads its classes with
get_class("catalogue.reviews.<module>", ...), which looks in the app registered
under the label "catalogue" (ours) first, so a module here replaces Oscar's
classes of the same name and everything else stays Oscar's.
"""

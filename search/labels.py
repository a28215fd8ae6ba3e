"""How facet values are named on the page, the same for every backend."""
from django.utils.translation import gettext

from core.money import rupiah
from search.engine import PRICE_RANGES


def price_range_label(key: str) -> str:
    """'Rp 250.000 – Rp 500.000', 'under Rp 250.000', 'Rp 2.500.000 and more'."""
    for range_key, low, high in PRICE_RANGES:
        if range_key != key:
            continue
        if high is None:
            return gettext("%(low)s and more") % {"low": rupiah(low)}
        if not low:
            return gettext("Under %(high)s") % {"high": rupiah(high)}
        return f"{rupiah(low)} – {rupiah(high)}"
    return key

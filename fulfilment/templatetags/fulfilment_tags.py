"""Fulfilment in templates: a line's state, and the council's refunds on the order page.

{{ line|line_state }} is a fulfilment.models.LineState (its .value for data
attributes, its .label to show). {% order_line_refunds order user %} renders the
dashboard order page's lines with their state and the refund actions.
"""
from django import template

from fulfilment.models import LineShipment, LineState, ShipmentState
from fulfilment.selectors import line_state as _line_state
from fulfilment.services import REFUNDABLE
from payments.selectors import order_bank_transfer_source, user_manages_payments
from payments.selectors import latest_card_refunds, order_paid_by_card

register = template.Library()


@register.filter
def line_state(line) -> LineState:
    return _line_state(line=line)


@register.inclusion_tag("fulfilment/dashboard/_order_line_refunds.html", takes_context=True)
def order_line_refunds(context, order):
    """The order's lines with state and refund actions, for staff who manage payments."""
    user = context["request"].user
    if not user_manages_payments(user=user):
        return {"show": False}
    lines = list(order.lines.order_by("pk"))
    states = dict(LineShipment.objects.filter(line__order=order)
                  .values_list("line_id", "state"))
    card = latest_card_refunds(line_ids=[line.pk for line in lines])
    by_card = order_paid_by_card(order=order)
    rows = []
    for line in lines:
        line.shipment_state = states.get(line.pk, ShipmentState.WAITING)
        refund = card.get(line.pk)
        rows.append({
            "line": line,
            "state": _line_state(line=line),
            "card_refund": refund,
            "waiting_for_stripe": refund is not None and refund.status == "requested",
            "refundable": line.shipment_state in REFUNDABLE and not (
                refund is not None and refund.status in ("requested", "succeeded")),
            "sent": line.shipment_state in (ShipmentState.SHIPPED, ShipmentState.DELIVERED),
        })
    return {
        "show": True,
        "order": order,
        "rows": rows,
        "by_card": by_card,
        "by_transfer": not by_card and order_bank_transfer_source(order=order) is not None,
        # Lines the whole-order refund would act on: refundable now, or still to be
        # sent (taken back first). A line cancelled unpaid has nothing to refund.
        "any_left": any(row["refundable"] or row["state"] in (LineState.PAID, LineState.PACKED)
                        for row in rows),
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
    }

"""core.models.AppendOnlyModel: the audit events and the payout ledger share one guard."""
from core.models import AppendOnlyModel


def test_the_events_and_the_ledger_are_append_only_models():
    from curation.models import CurationEvent
    from fulfilment.models import LineShipmentEvent
    from payouts.models import LedgerEntry, Payout

    for model in (CurationEvent, LineShipmentEvent, LedgerEntry, Payout):
        assert issubclass(model, AppendOnlyModel), model

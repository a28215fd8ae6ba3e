"""core.hooks: a lower app's declared call into the apps above it."""
import pytest
from django.core.exceptions import ImproperlyConfigured

from core.hooks import Hook
from fulfilment import hooks as fulfilment_hooks
from payments import hooks as payment_hooks


def test_receivers_run_in_order_once_each_with_the_callers_arguments():
    hook, calls = Hook("test.saved"), []
    first = lambda **kwargs: calls.append(("first", kwargs))  # noqa: E731
    second = lambda **kwargs: calls.append(("second", kwargs))  # noqa: E731
    hook.register(first)
    hook.register(second)
    hook.register(first)

    hook(thing=7)

    assert calls == [("first", {"thing": 7}), ("second", {"thing": 7})]


def test_a_required_hook_without_a_receiver_refuses_to_lose_the_event():
    with pytest.raises(ImproperlyConfigured, match="test.required"):
        Hook("test.required", required=True)(thing=1)
    Hook("test.optional")(thing=1)  # an optional one with no receiver does nothing


def test_what_a_receiver_raises_reaches_the_caller():
    hook = Hook("test.raises")
    hook.register(lambda **kwargs: 1 / 0)

    with pytest.raises(ZeroDivisionError):
        hook()


def test_paused_runs_no_receiver_and_restores_them():
    hook, calls = Hook("test.paused"), []
    hook.register(lambda **kwargs: calls.append(kwargs))

    with hook.paused():
        hook(thing=1)
    hook(thing=2)

    assert calls == [{"thing": 2}]


def test_the_apps_above_answer_the_hooks_they_must():
    from fulfilment.services import line_refund_confirm
    from payouts.services import ledger_follows_shipment_event

    assert payment_hooks.line_refund_confirmed.receivers == (line_refund_confirm,)
    assert ledger_follows_shipment_event in fulfilment_hooks.shipment_event_recorded.receivers

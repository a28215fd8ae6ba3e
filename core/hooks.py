"""Hooks: how a lower app sets off work in an app above it without importing it.

The apps are in layers, each importing only from below (tests/unit/test_layers.py).
Sometimes a lower app's event must set off work higher up: a card refund confirmed
by Stripe (payments) moves an order line to refunded (fulfilment); a line shipped or
refunded (fulfilment) writes the artisan's ledger (payouts). A Django signal on a
model would do that out of sight. A Hook is declared, with its contract, in the
lower app's `hooks.py`; the lower app calls it at the one place the event happens,
inside that transaction; the app above registers its function in its
AppConfig.ready(). Reading the call site shows that something runs there and where
to look for it.
"""
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.core.exceptions import ImproperlyConfigured


class Hook:
    """A named call-out with keyword arguments; its receivers run in the caller's
    transaction, in the order they registered, and what they raise reaches the caller.

    `required`: calling it with no receiver registered raises ImproperlyConfigured
    (an event whose consequence must not be lost, such as a refund's line).
    """

    def __init__(self, name: str, *, required: bool = False) -> None:
        self.name = name
        self.required = required
        self._receivers: list[Callable[..., object]] = []

    def register(self, receiver: Callable[..., object]) -> None:
        """Add `receiver`; registering the same function again changes nothing."""
        if receiver not in self._receivers:
            self._receivers.append(receiver)

    @property
    def receivers(self) -> tuple[Callable[..., object], ...]:
        return tuple(self._receivers)

    def __call__(self, **kwargs) -> None:
        if self.required and not self._receivers:
            raise ImproperlyConfigured(
                f"Nothing answers the hook {self.name!r}: the app that must is not installed.")
        for receiver in self._receivers:
            receiver(**kwargs)

    @contextmanager
    def paused(self) -> Iterator[None]:
        """No receiver runs inside the block: events written as they were before the
        receiver existed (a backfill's test); the receivers are back on exit."""
        receivers, self._receivers = self._receivers, []
        try:
            yield
        finally:
            self._receivers = receivers

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._receivers)} receiver(s)>"

"""A circuit breaker: after a run of failures, stop asking a service for a while.

Closed: every call goes to the service; `failures_to_open` failures in a row open it.
Open: no call goes to the service for `cooldown` seconds (the caller answers another
way, at once). Half-open: then one call, the trial, goes to the service while the
others still do not; its success closes the breaker, its failure opens it for
another cool-down. A trial that never reports back (its thread died) is replaced by
another after a cool-down.

The state is kept in the process: each web process learns of an outage on its own,
after `failures_to_open` slow calls. The lock is held only to read or change the
state, never during a call, so concurrent calls are never serialised.
"""
import logging
import threading
import time
from collections.abc import Callable

logger = logging.getLogger("search")

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"


class CircuitBreaker:
    """One service's breaker. Ask `allows()` before a call, then report `succeeded()`
    or `failed()`."""

    def __init__(self, *, name: str, failures_to_open: int, cooldown: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.name = name
        self.failures_to_open = max(int(failures_to_open), 1)
        self.cooldown = float(cooldown)
        self._clock = clock
        self._lock = threading.Lock()
        self._state = CLOSED
        self._failures = 0
        self._opened_at = 0.0
        self._trial_started_at = 0.0

    @property
    def state(self) -> str:
        with self._lock:
            return self._state

    def allows(self) -> bool:
        """Whether this call may go to the service (False: answer another way)."""
        with self._lock:
            if self._state == CLOSED:
                return True
            now = self._clock()
            if self._state == OPEN:
                if now < self._opened_at + self.cooldown:
                    return False
                self._state = HALF_OPEN
            elif now < self._trial_started_at + self.cooldown:
                return False  # half-open: the trial is still out
            self._trial_started_at = now
        logger.info("%s: cool-down over, one request tries it again", self.name)
        return True

    def succeeded(self) -> None:
        """The service answered: the breaker closes (if it was not closed)."""
        with self._lock:
            was = self._state
            self._state, self._failures = CLOSED, 0
        if was != CLOSED:
            logger.warning("%s answers again: circuit closed", self.name)

    def failed(self) -> None:
        """The service failed: counted; the breaker opens after failures_to_open in a
        row, or at once when the trial failed."""
        with self._lock:
            if self._state == OPEN:
                return  # a call that started before the breaker opened
            self._failures += 1
            if self._state == CLOSED and self._failures < self.failures_to_open:
                return
            trial = self._state == HALF_OPEN
            self._state, self._opened_at = OPEN, self._clock()
        if trial:
            logger.warning("%s still fails: circuit open again for %g s",
                           self.name, self.cooldown)
        else:
            logger.warning("%s failed %d times in a row: circuit open, answering without it "
                           "for %g s", self.name, self.failures_to_open, self.cooldown)

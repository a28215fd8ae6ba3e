"""The circuit breaker's states, on a clock the test moves (search/backends/breaker.py)."""
import logging
import threading

from search.backends.breaker import CLOSED, HALF_OPEN, OPEN, CircuitBreaker


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def breaker(clock) -> CircuitBreaker:
    return CircuitBreaker(name="Elasticsearch", failures_to_open=3, cooldown=30, clock=clock)


def test_it_opens_after_failures_in_a_row_only():
    clock = Clock()
    subject = breaker(clock)

    subject.failed(), subject.failed(), subject.succeeded(), subject.failed(), subject.failed()
    assert subject.state == CLOSED and subject.allows()

    subject.failed()
    assert subject.state == OPEN and not subject.allows()


def test_after_the_cool_down_one_request_tries_while_the_others_do_not(caplog):
    clock = Clock()
    subject = breaker(clock)
    for _ in range(3):
        subject.failed()

    clock.now += 29.9
    assert not subject.allows()
    clock.now += 0.2
    with caplog.at_level(logging.INFO, logger="search"):
        assert subject.allows()  # the trial
    assert subject.state == HALF_OPEN
    assert not subject.allows() and not subject.allows()  # others, while it is out

    subject.succeeded()
    assert subject.state == CLOSED and subject.allows()
    messages = [r.getMessage() for r in caplog.records]
    assert any("tries it again" in m for m in messages)


def test_a_failed_trial_opens_it_for_another_cool_down_and_a_lost_trial_is_replaced():
    clock = Clock()
    subject = breaker(clock)
    for _ in range(3):
        subject.failed()
    clock.now += 31
    assert subject.allows()

    subject.failed()
    assert subject.state == OPEN
    clock.now += 29
    assert not subject.allows()
    clock.now += 2
    assert subject.allows()  # a trial whose thread never reports back ...
    clock.now += 31
    assert subject.allows()  # ... is replaced after a cool-down


def test_late_failures_of_calls_started_before_it_opened_do_not_extend_the_cool_down():
    clock = Clock()
    subject = breaker(clock)
    for _ in range(3):
        subject.failed()
    clock.now += 20
    subject.failed()
    clock.now += 11

    assert subject.allows()


def test_many_threads_at_once_see_one_trial():
    clock = Clock()
    subject = breaker(clock)
    for _ in range(3):
        subject.failed()
    clock.now += 31
    allowed, start = [], threading.Barrier(20)

    def ask():
        start.wait()
        allowed.append(subject.allows())

    threads = [threading.Thread(target=ask) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert allowed.count(True) == 1

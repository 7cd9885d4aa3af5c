"""route_error: errors raised outside effect runs reach the owner's catch_error chain."""

from __future__ import annotations

from signals import catch_error, create_root, get_owner, route_error


def test_route_error_calls_the_nearest_handler_and_reports_it_handled():
    seen: list[str] = []

    def build(dispose):
        def inner():
            return get_owner()

        outer_owner = catch_error(
            lambda: catch_error(inner, lambda e: seen.append(f"inner {e}")),
            lambda e: seen.append(f"outer {e}"),
        )
        return outer_owner

    owner = create_root(build)
    assert route_error(owner, ValueError("boom")) is None
    assert seen == ["inner boom"]


def test_a_handler_that_raises_passes_its_error_up():
    seen: list[str] = []

    def rethrow(exc):
        raise RuntimeError(f"wrapped {exc}")

    owner = create_root(
        lambda d: catch_error(
            lambda: catch_error(get_owner, rethrow), lambda e: seen.append(str(e))
        )
    )
    assert route_error(owner, ValueError("boom")) is None
    assert seen == ["wrapped boom"]


def test_without_a_handler_the_error_comes_back_and_nothing_is_kept():
    owner = create_root(lambda d: get_owner())
    exc = ValueError("nobody")
    assert route_error(owner, exc) is exc
    assert route_error(None, exc) is exc
    # Nothing was stored for a later flush to re-raise.
    from signals import signal

    s = signal(0)
    s.set(1)

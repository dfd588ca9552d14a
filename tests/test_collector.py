"""The cyclic collector paused while a run builds its objects, and back on after without walking them."""

from __future__ import annotations

import gc

from lint.collector import collector_paused


def test_back_on_the_collector_does_not_walk_what_was_made_while_it_was_off():
    passes: list[int] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            passes.append(info["generation"])

    was_on = gc.isenabled()
    gc.enable()
    try:
        gc.callbacks.append(watch)
        try:
            with collector_paused():
                assert not gc.isenabled()
                held = [[k] for k in range(50_000)]  # a run's objects, tracked by the collector
            assert gc.isenabled()
            more = [[k] for k in range(100)]  # the next allocations after it came back on
        finally:
            gc.callbacks.remove(watch)
        assert passes == []  # no pass over the 50,000 lists still held
        assert len(held) + len(more) == 50_100
    finally:
        if not was_on:
            gc.disable()


def test_cycles_made_while_it_was_off_are_still_collected():
    import weakref

    class Node:
        pass

    with collector_paused():
        node = Node()
        node.self = node  # type: ignore[attr-defined]
        alive = weakref.ref(node)
        del node
    assert alive() is not None  # a cycle: reference counting alone does not free it
    gc.collect()
    assert alive() is None

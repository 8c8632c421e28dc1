"""Interpreter settings held while work runs: changed by the first holder, restored by the last."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator

import pytest

from shopper.models import Profile, ShopConfig
from shopper.pipeline import find_events
from shopper.runtime import GC_THRESHOLDS, SWITCH_INTERVAL, fewer_collections, quick_switches


@pytest.fixture
def thresholds() -> Iterator[tuple[int, int, int]]:
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield gc.get_threshold()
    gc.set_threshold(*saved)


def test_collections_are_rarer_while_held_and_restored_by_the_last_holder(
    thresholds: tuple[int, int, int],
) -> None:
    with fewer_collections.held():
        assert gc.get_threshold() == GC_THRESHOLDS
        with fewer_collections.held():
            assert gc.get_threshold() == GC_THRESHOLDS
        assert gc.get_threshold() == GC_THRESHOLDS  # the outer holder is still at work
    assert gc.get_threshold() == thresholds


def test_an_application_s_own_thresholds_are_never_made_more_frequent(
    thresholds: tuple[int, int, int],
) -> None:
    gc.set_threshold(100_000, 5, 50)
    with fewer_collections.held():
        assert gc.get_threshold() == (100_000, GC_THRESHOLDS[1], 50)
    gc.set_threshold(0)  # collection turned off by the application: left off
    with fewer_collections.held():
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold()[0] == 0


def test_switch_interval_is_shortened_and_restored() -> None:
    before = sys.getswitchinterval()
    with quick_switches.held():
        assert sys.getswitchinterval() == min(before, SWITCH_INTERVAL)
    assert sys.getswitchinterval() == before


async def test_a_find_holds_fewer_collections_while_it_runs(thresholds: tuple[int, int, int]) -> None:
    # its one shop avoided: a find with nothing to search, which still runs the whole way
    shop = ShopConfig(name="gone", url="http://127.0.0.1:9", platform="html")
    profile = Profile(name="p", shops=[shop], shops_avoided=["gone"])
    seen = []
    async for _step in find_events("anything", profile):
        seen.append(gc.get_threshold())
    assert seen and all(t == GC_THRESHOLDS for t in seen)
    assert gc.get_threshold() == thresholds

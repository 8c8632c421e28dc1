"""A warm `find` on demo shops another process already serves builds and loads no catalogue."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import shopper.demo as demo

_BUILDERS = {"shopper.demo.catalog", "shopper.demo.catalog_cache", "shopper.demo.server"}


def _find_imports(request: str) -> tuple[dict[str, object], set[str]]:
    """Run `shopper find --json` in a subprocess under -X importtime; its answer and demo modules."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "shopper", "find", request, "--json"],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    modules = set(re.findall(r"\|\s*(shopper\.demo[\w.]*)\s*$", proc.stderr, re.M))
    return json.loads(proc.stdout), modules


def test_warm_find_uses_running_demo_shops_without_building_anything(isolated_env: Path) -> None:
    demo.stop_demo_shops()
    # Cold: nothing serves the demo, so the subprocess starts its shops from the built catalogue.
    payload, modules = _find_imports("red sweater size M")
    assert payload["demo"] is True and payload["offers"]
    assert {"shopper.demo.catalog_cache", "shopper.demo.server"} <= modules
    assert any((isolated_env / "demo").glob("catalogue-*.json"))  # built once, kept for the next run
    # Warm: this process serves the demo shops, as another shopper process would.
    demo.ensure_demo_shops()
    try:
        payload, modules = _find_imports("red sweater size M")
    finally:
        demo.stop_demo_shops()
    assert payload["demo"] is True and payload["offers"]
    assert "shopper.demo" in modules and not modules & _BUILDERS

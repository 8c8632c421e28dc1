"""A warm `find --json` answers from the catalogue mirror and the shops' recent answers: it imports no
HTTP client, no page parser, no image code, no locale data and (with stderr a pipe, as for a script or
an agent) no terminal UI library. Shown with -X importtime on real processes, as a user runs them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

REQUEST = "noise cancelling headphones under 300 euro"
NOT_WHEN_WARM = {
    *("httpx", "httpcore", "hishel", "rich", "lxml", "selectolax", "PIL", "extruct", "openai"),
    "babel",  # money is formatted from the shipped currency table
}


def _find() -> tuple[dict[str, object], set[str], str]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "shopper", "find", REQUEST, "--json"],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    modules = {m.split(".")[0] for m in re.findall(r"\|\s*([\w.]+)\s*$", proc.stderr, re.M)}
    progress = "\n".join(line for line in proc.stderr.splitlines() if not line.startswith("import time:"))
    return json.loads(proc.stdout), modules, progress


def test_a_warm_find_imports_no_http_client_parser_or_terminal_ui(isolated_env: Path) -> None:
    cold, cold_modules, _ = _find()
    assert cold["offers"] and {"httpx", "hishel"} <= cold_modules  # the first find asked the shops
    warm, modules, progress = _find()
    assert warm["offers"] and warm["answer"]
    assert not modules & NOT_WHEN_WARM, modules & NOT_WHEN_WARM
    # the progress lines are there, as plain text
    assert re.search(r"^  ✓ .+: \d+ offer\(s\) \((mirror|recent), \d+\.\d s\)$", progress, re.M), progress
    assert "[" not in progress

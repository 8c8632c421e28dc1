"""`shopper --help` wall time as a ratio to `python -c "import typer, rich"` (target <= 1.5).

python bench/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time


def timed(cmd: list[str], runs: int) -> float:
    """Median wall time of `runs` runs (after one warm-up run)."""
    subprocess.run(cmd, check=True, capture_output=True)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    shopper = shutil.which("shopper")
    cli = [shopper, "--help"] if shopper else [sys.executable, "-m", "shopper", "--help"]
    baseline = timed([sys.executable, "-c", "import typer, rich"], args.runs)
    ours = timed(cli, args.runs)
    heavy = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "shopper", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    loaded = [
        m
        for m in ("openai", "extruct", "PIL", "httpx", "pydantic", "lxml", "rapidfuzz")
        if f" {m}\n" in heavy or f"| {m}\n" in heavy
    ]
    print(f"baseline  python -c 'import typer, rich': {baseline * 1000:.0f} ms (median of {args.runs})")
    print(f"shopper   {' '.join(cli[-2:])}: {ours * 1000:.0f} ms")
    print(f"ratio     {ours / baseline:.2f}  (target <= 1.5)")
    print(f"heavy modules imported by --help: {', '.join(loaded) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

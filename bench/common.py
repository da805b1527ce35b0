"""Shared helpers of the benchmarks: timing, percentiles, memory, results.

Benchmarks are never part of the test run; each prints a table and writes
bench/results/NAME.json.
"""

from __future__ import annotations

import json
import math
import platform
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def percentile(samples: Iterable[float], q: float) -> float:
    """The q-th percentile (0–100) by linear interpolation between closest ranks."""
    data = sorted(samples)
    if not data:
        return math.nan
    if len(data) == 1:
        return data[0]
    rank = (len(data) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (rank - low)


def summary_ms(samples_s: list[float]) -> dict[str, float]:
    """p50 / p95 / max of samples given in seconds, in milliseconds."""
    ms = [s * 1000 for s in samples_s]
    return {
        "n": len(ms),
        "p50_ms": round(percentile(ms, 50), 3),
        "p95_ms": round(percentile(ms, 95), 3),
        "max_ms": round(max(ms), 3) if ms else math.nan,
    }


def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    """Wall-clock seconds of `repeat` calls of fn."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def proc_status() -> dict[str, float]:
    """This process's memory from /proc/self/status, in MB (VmRSS now, VmHWM peak)."""
    result: dict[str, float] = {}
    try:
        text = Path("/proc/self/status").read_text()
    except OSError:
        return result
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            result[key] = round(int(value.split()[0]) / 1024, 1)  # kB → MB
    return result


def machine() -> dict[str, Any]:
    import os

    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def write_results(name: str, data: Mapping[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    payload = {"benchmark": name, "machine": machine(), **data}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def print_table(rows: Sequence[Sequence[str]], headers: Sequence[str]) -> None:
    """A plain aligned table (CJK characters count double)."""

    def width(text: str) -> int:
        return sum(2 if ord(c) > 0x2E80 else 1 for c in text)

    cells = [list(headers), *(list(r) for r in rows)]
    widths = [max(width(r[i]) for r in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        print("  ".join(c + " " * (widths[i] - width(c)) for i, c in enumerate(row)))
        if n == 0:
            print("  ".join("-" * w for w in widths))


def verdict(value: float, budget: float) -> str:
    return "ok" if value <= budget else "OVER"

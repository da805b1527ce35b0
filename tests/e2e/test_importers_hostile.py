"""`orders import`, `kb import` and `drills import` (real processes, real workspaces) fed
what other channels really send: every bad line is reported with its number and the good
ones are kept, never a traceback; a fatal error says plainly what was imported before it."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.models.jsonl import MAX_LINE_BYTES
from app.store.workspace import DB_FILE

ROOT = Path(__file__).resolve().parents[2]

GOOD = {
    "orders": {
        "phone": "13800138000",
        "appeal_type": "咨询",
        "category": "A0301",
        "town": "shiqi",
        "title": "咨询停水",
        "content": "明天停水吗",
    },
    "kb": {
        "title": "路灯不亮报修",
        "questions": ["门口路灯坏了"],
        "answer": "请提供路灯编号。",
        "category": "A0301",
        "unit": "cgj",
        "keywords": ["路灯"],
    },
    "drills": {
        "set": "停水",
        "text": "明天停水吗",
        "articles": ["kb-0001"],
        "appeal_type": "咨询",
        "category": "A0201",
        "unit": "gs",
    },
}


def good_line(kind: str, n: int) -> bytes:
    data = dict(GOOD[kind])
    if kind == "orders":
        data["external_id"] = f"web-{n}"
    else:
        data["id"] = f"{kind}-{n}"
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def run(home: Path, *args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOTLINE_DESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=180,
        check=False,
        **kw,  # type: ignore[arg-type]
    )


def count(home: Path, kind: str) -> int:
    sql = {
        "orders": "SELECT COUNT(*) FROM orders",
        "kb": "SELECT COUNT(*) FROM kb_current",
        "drills": "SELECT COUNT(*) FROM drill_scenarios",
    }[kind]
    with sqlite3.connect(home / DB_FILE) as conn:
        return int(conn.execute(sql).fetchone()[0])


HOSTILE = [
    b"\xff\xfe\xc3(not utf-8",  # invalid UTF-8
    b"[" * 100_000 + b"]" * 100_000,  # deeply nested: RecursionError in json
    b'{"a":' * 5000 + b"1" + b"}" * 5000,
    b'{"title": "x' + b"a" * (MAX_LINE_BYTES + 10) + b'"}',  # oversized
    b'{"title": "a\x00b"}',  # a raw NUL byte
    b'{"title": "a\\u0000b"}',  # a NUL written as an escape
    b"[1, 2, 3]",  # not an object
    b'"just text"',
    b"42",
    b'{"kb_version": NaN}',
    b"{oops",
]


@pytest.mark.parametrize("kind", ["orders", "kb", "drills"])
def test_every_hostile_line_is_reported_by_number_and_good_ones_kept(
    kind: str, tmp_path: Path
) -> None:
    home = tmp_path / "ws"
    lines = [good_line(kind, 1), *HOSTILE, good_line(kind, 2), b"", b"   "]
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    r = run(home, kind, "import", str(path))
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr and "RecursionError" not in r.stderr
    bad = range(2, 2 + len(HOSTILE))
    for number in bad:
        if kind == "orders":
            found = any(
                json.loads(x).get("line") == number
                for x in r.stderr.splitlines()
                if x.startswith("{")
            )
        else:
            found = f"{path}:{number}:" in r.stderr
        assert found, (number, r.stderr[-3000:])
    for message in ("UTF-8", "nested deeper", "too long", "NUL", "JSON object", "NaN"):
        assert message in r.stderr, message
    assert count(home, kind) == 2
    assert len(r.stderr) < 20_000  # an oversized line is not echoed back


def _locked(home: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(home / DB_FILE, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    return conn


@pytest.mark.parametrize("kind", ["kb", "drills"])
def test_a_fatal_error_says_nothing_was_imported(kind: str, tmp_path: Path) -> None:
    home = tmp_path / "ws"
    path = tmp_path / "in.jsonl"
    path.write_bytes(good_line(kind, 1) + b"\n")
    assert run(home, kind, "import", str(path)).returncode == 0
    path.write_bytes(good_line(kind, 2) + b"\n" + good_line(kind, 3) + b"\n")
    conn = _locked(home)
    try:
        r = run(home, kind, "import", str(path))
    finally:
        conn.rollback()
        conn.close()
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert "nothing was imported" in r.stderr and "locked" in r.stderr
    assert count(home, kind) == 1


def test_orders_import_stopped_half_way_says_what_was_recorded(tmp_path: Path) -> None:
    """Lines come through a pipe: two are recorded, then the workspace is locked by another
    process (as a full disk or a stuck writer would stop it) and the third fails."""
    home = tmp_path / "ws"
    run(home, "orders", "import", str(tmp_path / "none.jsonl"))  # makes the workspace
    fifo = tmp_path / "intakes.fifo"
    os.mkfifo(fifo)
    env = {**os.environ, "HOTLINE_DESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "orders", "import", str(fifo)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    writer = open(fifo, "wb")  # noqa: SIM115 (closed below, after the lock is taken)
    writer.write(good_line("orders", 1) + b"\n" + good_line("orders", 2) + b"\n")
    writer.flush()
    assert proc.stdout is not None
    recorded = [json.loads(proc.stdout.readline()) for _ in range(2)]
    assert [r["line"] for r in recorded] == [1, 2]
    conn = _locked(home)
    try:
        writer.write(good_line("orders", 3) + b"\n" + good_line("orders", 4) + b"\n")
        writer.close()
        out, err = proc.communicate(timeout=120)
    finally:
        conn.rollback()
        conn.close()
    assert proc.returncode == 2 and "Traceback" not in err, err
    assert "Import stopped at line 3" in err and "2 intake(s) were recorded" in err
    summary = json.loads(err.strip().splitlines()[-1])
    assert summary["recorded"] == 2 and summary["stopped_at_line"] == 3
    assert count(home, "orders") == 2
    assert out == ""  # nothing more was recorded after the first two

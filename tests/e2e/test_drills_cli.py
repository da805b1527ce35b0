"""`hotline-desk drills import / export`, run as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOTLINE_DESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "app", "drills", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def line(set_name: str, scenario_id: str, text: str, article: str, kind: str = "咨询") -> str:
    data = {
        "set": set_name,
        "id": scenario_id,
        "text": text,
        "articles": [article],
        "appeal_type": kind,
        "category": "A0201",
        "unit": "gs",
    }
    return json.dumps(data, ensure_ascii=False)


def test_import_then_export_round_trips(tmp_path: Path) -> None:
    source = tmp_path / "sets.jsonl"
    source.write_text(
        "\n".join(
            [
                line("停水", "w1", "明天是不是要停水", "kb-0001"),
                line("停水", "w2", "我家冇水了", "kb-0002", "求助"),
                line("新人", "n1", "停水公告去哪里看", "kb-0001"),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    home = tmp_path / "home"
    done = run(home, "import", str(source))
    assert done.returncode == 0, done.stderr
    assert "created 3" in done.stdout
    again = run(home, "import", str(source))
    assert "unchanged 3" in again.stdout

    out = tmp_path / "out.jsonl"
    exported = run(home, "export", str(out))
    assert exported.returncode == 0, exported.stderr
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert sorted((r["set"], r["id"]) for r in rows) == [
        ("停水", "w1"),
        ("停水", "w2"),
        ("新人", "n1"),
    ]
    assert next(r for r in rows if r["id"] == "w2")["appeal_type"] == "求助"

    one = run(home, "export", "-", "--set", "新人")
    assert [json.loads(x)["id"] for x in one.stdout.splitlines()] == ["n1"]


def test_bad_lines_are_reported_and_the_good_ones_kept(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text(
        line("s", "ok1", "停水", "kb-0001")
        + "\n{broken\n"
        + line("s", "x", "t", "k", "闲聊")
        + "\n",
        encoding="utf-8",
    )
    done = run(tmp_path / "home", "import", str(source))
    assert done.returncode == 1
    assert f"{source}:2:" in done.stderr and f"{source}:3:" in done.stderr
    assert "created 1" in done.stdout
    missing = run(tmp_path / "home", "import", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 2


def test_generate_from_the_calls_of_this_workspace(tmp_path: Path) -> None:
    """On a workstation that holds the calls (here a seeded demo workspace): the set is
    built from them, scrubbed, and regenerating adds nothing; the set then travels."""
    from app.resources import load_policy
    from app.store.demo.generator import seed_demo
    from app.store.workspace import Workspace

    ws = Workspace(tmp_path, load_policy())
    seed_demo(ws, orders=300, days=30)
    phones = {str(r[0]) for r in ws.database.query("SELECT phone FROM orders")}
    ws.close()
    done = run(tmp_path, "generate", "社保", "--category", "A06", "--per-article", "1")
    assert done.returncode == 0, done.stderr
    assert "created" in done.stdout and "created 0" not in done.stdout
    again = run(tmp_path, "generate", "社保", "--category", "A06", "--per-article", "1")
    assert again.returncode == 0 and "created 0" in again.stdout
    out = tmp_path / "social.jsonl"
    assert run(tmp_path, "export", str(out), "--set", "社保").returncode == 0
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert rows and all(r["category"].startswith("A06") for r in rows)
    assert not any(p in r["text"] for r in rows for p in phones)
    refused = run(tmp_path, "generate", " ", "--per-article", "0")
    assert refused.returncode == 2

"""`hotline-desk kb import / export / search`, run as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.store.kb.articles import demo_articles_path

ROOT = Path(__file__).resolve().parents[2]


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOTLINE_DESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "app", "kb", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    done = run(home, "import", str(demo_articles_path()))
    assert done.returncode == 0, done.stderr
    return home


def test_import_reports_counts(home: Path) -> None:
    again = run(home, "import", str(demo_articles_path()))
    assert again.returncode == 0
    assert "created 0" in again.stdout and "unchanged" in again.stdout


def test_search_json(home: Path) -> None:
    done = run(home, "search", "sb", "--limit", "3", "--json")
    assert done.returncode == 0, done.stderr
    hits = json.loads(done.stdout)
    assert 1 <= len(hits) <= 3
    assert {"id", "title", "score"} <= set(hits[0])
    assert "社保" in hits[0]["title"] or "社保" in hits[0]["matched"]


def test_search_text_and_nasty_query(home: Path) -> None:
    done = run(home, "search", "停水")
    assert done.returncode == 0 and "停水" in done.stdout
    nasty = run(home, "search", 'NEAR("噪音" *) AND -', "--json")
    assert nasty.returncode == 0, nasty.stderr
    assert isinstance(json.loads(nasty.stdout), list)


def test_bad_lines_are_named_and_good_ones_kept(tmp_path: Path) -> None:
    home = tmp_path / "ws"
    good = {
        "id": "cli-1",
        "title": "路灯不亮报修",
        "questions": ["门口路灯坏了"],
        "answer": "请提供路灯编号。",
        "category": "A0301",
        "unit": "cgj",
        "keywords": ["路灯"],
    }
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps(good, ensure_ascii=False)
        + "\n{oops\n"
        + json.dumps({**good, "id": "cli-2", "questions": "x"}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    done = run(home, "import", str(path))
    assert done.returncode == 1
    assert f"{path}:2:" in done.stderr and f"{path}:3:" in done.stderr
    assert "questions" in done.stderr
    hits = json.loads(run(home, "search", "路灯", "--json").stdout)
    assert [h["id"] for h in hits] == ["cli-1"]
    missing = run(home, "import", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 2 and "nope.jsonl" in missing.stderr


def test_export_round_trip(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "export.jsonl"
    done = run(home, "export", str(out))
    assert done.returncode == 0, done.stderr
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    source = [json.loads(line) for line in demo_articles_path().read_text("utf-8").splitlines()]
    assert len(exported) == len([s for s in source if s])
    by_id = {e["id"]: e for e in exported}
    for s in source:
        e = by_id[s["id"]]
        for key in ("title", "questions", "answer", "unit", "keywords", "expires"):
            assert e[key] == s[key], (s["id"], key)
    other = tmp_path / "other"
    assert run(other, "import", str(out)).returncode == 0
    assert json.loads(run(other, "search", "停水", "--json").stdout)


def test_search_below_the_score_floor_says_no_good_match(home: Path) -> None:
    done = run(home, "search", "xyz不存在的词")
    assert done.returncode == 0, done.stderr
    assert "no good match" in done.stdout and "kb-" not in done.stdout
    as_json = run(home, "search", "xyz不存在的词", "--json")
    assert as_json.returncode == 0 and json.loads(as_json.stdout) == []
    real = json.loads(run(home, "search", "停水", "--json").stdout)
    assert real and all(hit["good"] for hit in real)

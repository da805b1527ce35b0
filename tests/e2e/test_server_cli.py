"""hotline-server init / add-user / import-kb as an administrator runs them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.server import ROOT, cli


def test_init_add_user_import_kb(tmp_path: Path) -> None:
    db = str(tmp_path / "c.sqlite3")
    r = cli("init", "--db", db, module="server.cli")
    assert r.returncode == 0, r.stderr
    r = cli(
        "add-user",
        "amy",
        "--role",
        "unit",
        "--unit",
        "cgj",
        "--db",
        db,
        stdin="long enough pw\n",
        module="server.cli",
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == {"user": "amy", "role": "unit", "unit": "cgj"}
    r = cli(
        "add-user",
        "amy",
        "--role",
        "operator",
        "--db",
        db,
        stdin="long enough pw\n",
        module="server.cli",
    )
    assert r.returncode == 1 and "exists" in r.stderr
    r = cli(
        "add-user",
        "bob",
        "--role",
        "unit",
        "--unit",
        "nowhere",
        "--db",
        db,
        stdin="long enough pw\n",
        module="server.cli",
    )
    assert r.returncode == 1
    r = cli("add-user", "bob", "--role", "king", "--db", db, stdin="x\n", module="server.cli")
    assert r.returncode == 2
    kb = ROOT / "resources" / "kb" / "demo_articles.jsonl"
    r = cli("import-kb", str(kb), "--db", db, module="server.cli")
    assert r.returncode == 0, r.stderr
    first = json.loads(r.stdout)
    assert first["added"] > 0 and first["errors"] == 0
    r = cli("import-kb", str(kb), "--db", db, module="server.cli")
    assert json.loads(r.stdout)["unchanged"] == first["added"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\nnot json\n', encoding="utf-8")
    r = cli("import-kb", str(bad), "--db", db, module="server.cli")
    assert r.returncode == 1 and "line 1" in r.stderr and "line 2" in r.stderr

"""`hotline-desk workspace inspect` on real SQLite files: what it reports, that it changes
nothing, and what it says of a damaged, foreign, newer or missing file."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from app.main import build_parser
from app.models.enums import AppealType, Channel, Role, Urgency
from app.models.operations import Actor
from app.models.policy import Policy
from app.models.records import Appellant, Intake
from app.paths import WORKSPACE_DB
from app.store.db import WorkspaceCorrupt
from app.store.inspection import inspect_workspace
from app.store.schema import MIGRATIONS
from app.store.workspace import Workspace
from tests.support.clock import FixedClock


def record_intakes(ws: Workspace, count: int) -> None:
    actor = Actor("gh1001", Role.OPERATOR, ws.device_id)
    for n in range(count):
        intake = Intake(
            appellant=Appellant(phone=f"1380000{n:04d}", name="陈先生"),
            appeal_type=AppealType.HELP,
            urgency=Urgency.NORMAL,
            channel=Channel.PHONE,
            category="A0201",
            town="shiqi",
            address="石岐孙文中路1号",
            title="家中停水求助",
            content="市民来电反映家中从昨晚起停水，请尽快处理。",
            received_at=ws.clock() - timedelta(hours=1),
        )
        ws.record_intake(intake, actor)


@pytest.fixture
def home(tmp_path: Path, policy: Policy, clock: FixedClock) -> Path:
    """A closed workspace holding three intakes, all in the database file itself."""
    home = tmp_path / "ws"
    ws = Workspace(home, policy, clock=clock)
    record_intakes(ws, 3)
    ws.close()
    conn = sqlite3.connect(home / WORKSPACE_DB)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return home


def digest(home: Path) -> dict[str, str]:
    """The database file and its WAL, byte for byte; a WAL that is not there reads as
    empty (a reader of a WAL database makes an empty one, as the app does). SQLite's
    shared-memory index (-shm) is left out: readers rebuild it."""
    path = home / WORKSPACE_DB
    wal = path.with_name(path.name + "-wal")
    return {
        "db": hashlib.sha256(path.read_bytes()).hexdigest(),
        "wal": hashlib.sha256(wal.read_bytes() if wal.exists() else b"").hexdigest(),
    }


def run(home: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    argv = ["--home", str(home), "workspace", "inspect", *args]
    parsed = build_parser(argv).parse_args(argv)
    code = int(parsed.func(parsed))
    out, err = capsys.readouterr()
    return code, out, err


def test_reports_tables_rows_schema_and_size(home: Path) -> None:
    info = inspect_workspace(home / WORKSPACE_DB)
    tables = {t.name: t for t in info.tables}
    assert info.ok and info.integrity == ("ok",) and info.check == "integrity_check"
    assert info.schema_version == info.schema_current == len(MIGRATIONS)
    assert tables["orders"].rows == 3 and tables["orders"].kind == "table"
    assert tables["events"].rows == tables["outbox"].rows >= 3
    assert tables["orders_fts"].kind == "fts5"
    assert "orders_fts_data" not in tables  # an index's storage is counted in the index
    assert info.file_bytes == (home / WORKSPACE_DB).stat().st_size
    assert info.page_size > 0 and info.indexes > 0 and info.triggers > 0
    if tables["orders"].bytes is not None:  # SQLite built with dbstat
        assert 0 < tables["orders"].bytes <= info.file_bytes


def test_the_command_prints_json_and_changes_nothing(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(home)
    code, out, _ = run(home, capsys=capsys)
    assert code == 0
    report = json.loads(out)
    assert report["ok"] is True and report["integrity"] == ["ok"]
    assert {t["name"]: t["rows"] for t in report["tables"]}["orders"] == 3
    assert digest(home) == before
    if os.name == "posix":  # what SQLite made beside the file is as private as the file
        for made in home.glob(WORKSPACE_DB + "-*"):
            assert made.stat().st_mode & 0o077 == 0, made


def test_quick_check(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(home, "--quick", capsys=capsys)
    assert code == 0 and json.loads(out)["check"] == "quick_check"


def test_a_damaged_file_is_reported_and_left_as_it_is(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = home / WORKSPACE_DB
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'orders' "
        "AND rootpage > 1 ORDER BY rootpage LIMIT 1"
    ).fetchone()
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * page_size : root * page_size] = b"\xa5" * page_size
    path.write_bytes(bytes(data))
    before = digest(home)

    code, out, _ = run(home, capsys=capsys)

    report = json.loads(out)
    assert code == 1 and report["ok"] is False
    assert report["integrity"] != ["ok"] and report["integrity"]
    assert digest(home) == before


def test_a_schema_newer_than_this_build_is_not_sound(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = sqlite3.connect(home / WORKSPACE_DB)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    code, out, _ = run(home, capsys=capsys)
    report = json.loads(out)
    assert code == 1 and report["integrity"] == ["ok"]
    assert report["schema_version"] == report["schema_current"] + 1


def test_a_file_that_is_not_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "ws"
    home.mkdir()
    (home / WORKSPACE_DB).write_bytes(b"not a database, just words")
    with pytest.raises(WorkspaceCorrupt):
        inspect_workspace(home / WORKSPACE_DB)
    code, out, err = run(home, capsys=capsys)
    assert code == 2 and out == "" and str(home / WORKSPACE_DB) in err
    assert (home / WORKSPACE_DB).read_bytes() == b"not a database, just words"


def test_no_workspace_is_made_by_looking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "nothing-here"
    code, out, err = run(home, capsys=capsys)
    assert code == 2 and out == "" and "no workspace database" in err
    assert not home.exists()


def test_beside_the_running_app_it_sees_what_is_only_in_the_wal(workspace: Workspace) -> None:
    workspace.defer_checkpoints()
    record_intakes(workspace, 2)
    wal = workspace.database.path.with_name(WORKSPACE_DB + "-wal")
    assert wal.stat().st_size > 0
    info = inspect_workspace(workspace.database.path)
    assert info.ok and info.wal_bytes == wal.stat().st_size
    assert {t.name: t.rows for t in info.tables}["orders"] == 2
    record_intakes(workspace, 1)  # the app goes on writing
    again = inspect_workspace(workspace.database.path)
    assert {t.name: t.rows for t in again.tables}["orders"] == 3

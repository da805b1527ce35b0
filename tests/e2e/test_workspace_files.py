"""A workspace's files on disk: readable by their owner only after a realistic session (the
real command line and app against a real server), corrected when an older version left
them open; an empty or damaged file is reported, never replaced by an empty one."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.paths import secure_home
from app.store.db import Database, WorkspaceCorrupt
from app.store.workspace import DB_FILE, Workspace
from tests.support.server import ROOT, ServerProcess, cli
from tests.support.users import PASSWORD

INTAKE = {
    "phone": "13800138000",
    "name": "林某",
    "appeal_type": "投诉",
    "category": "A0301",
    "town": "shiqi",
    "address": "孙文中路1号",
    "title": "夜间施工噪音",
    "content": "工地夜间施工噪音扰民",
}


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A user whose umask lets everyone read new files (the default on most systems)."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def _modes(root: Path) -> dict[str, str]:
    """Every folder and file under `root` (root included), with its permission bits."""
    found = {".": oct(stat.S_IMODE(root.stat().st_mode))}
    for path in root.rglob("*"):
        found[str(path.relative_to(root))] = oct(stat.S_IMODE(path.lstat().st_mode))
    return found


def _env(tmp_path: Path, data: Path) -> dict[str, str]:
    return {
        "PYTHON_KEYRING_BACKEND": "tests.support.keyrings.FileKeyring",
        "HOTLINE_TEST_KEYRING_FILE": str(tmp_path / "keyring.json"),
        "XDG_DATA_HOME": str(data),  # the platform's data folder: HotlineDesk and its demo
        "HOTLINE_DESK_HOME": "",
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
    }


def test_every_workspace_file_is_owner_only_after_a_session(
    server: ServerProcess, tmp_path: Path, open_umask: None, policy: object, clock: object
) -> None:
    data = tmp_path / "xdg"
    home = data / "HotlineDesk"
    # An older version left the folder and its settings readable by everyone.
    home.mkdir(parents=True, mode=0o755)
    home.chmod(0o755)
    (home / "settings.ini").write_text("[window]\n")
    (home / "settings.ini").chmod(0o644)
    env = _env(tmp_path, data)
    r = cli("login", "--server", server.url, "--user", "op1", stdin=PASSWORD + "\n", env=env)
    assert r.returncode == 0, r.stderr
    intakes = tmp_path / "web.jsonl"
    intakes.write_text(json.dumps(INTAKE, ensure_ascii=False) + "\n", encoding="utf-8")
    r = cli("orders", "import", str(intakes), env=env)
    assert r.returncode == 0, r.stderr
    r = cli("sync", env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert json.loads(r.stdout)["accepted"] == 1
    r = cli("--smoke-test", env=env)  # the app itself: window settings, checkpoints
    assert r.returncode == 0, r.stderr
    r = cli("--demo", "--smoke-test", env=env)  # the demo workspace, seeded
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout.splitlines()[-1])["demo_seeded"] > 0
    # A half-typed intake saved as a draft, by a workspace opened in this process (which
    # did not go through the app's start and so has the open umask until it opens one).
    ws = Workspace(home, policy, clock=clock)  # type: ignore[arg-type]
    try:
        ws.save_draft(json.dumps({"title": "半句话"}, ensure_ascii=False))
        os.umask(0o022)  # as if something else in the process set it back
        ws.database.set_meta("probe", "x")
        ws.checkpoint()
        modes = _modes(home)
    finally:
        ws.close()
    names = set(modes)
    assert {".", DB_FILE, "settings.ini", "sync.lock", "demo", f"demo/{DB_FILE}"} <= names
    assert f"{DB_FILE}-wal" in names and f"{DB_FILE}-shm" in names  # seen while open
    wrong = {
        name: mode
        for name, mode in modes.items()
        if mode != ("0o700" if (home / name).is_dir() else "0o600")
    }
    assert wrong == {}


def test_files_left_open_are_corrected_when_the_workspace_opens(
    tmp_path: Path, open_umask: None, policy: object
) -> None:
    home = tmp_path / "ws"
    ws = Workspace(home, policy)  # type: ignore[arg-type]
    ws.close()
    for path in [home, *home.iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    (home / "notes.txt").write_text("an export the user chose to keep here")
    (home / "notes.txt").chmod(0o644)
    db = Database(home / DB_FILE)
    try:
        modes = _modes(home)
    finally:
        db.close()
    assert modes.pop("notes.txt") == "0o644"  # not a workspace file: the user's choice
    assert set(modes.values()) <= {"0o600", "0o700"} and modes["."] == "0o700"


def test_a_shared_folder_is_never_closed(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # sticky, like /tmp
    secure_home(shared)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777


def _digest(path: Path) -> tuple[int, str]:
    data = path.read_bytes()
    return len(data), hashlib.sha256(data).hexdigest()


DAMAGE = {
    "empty": b"",
    "garbage": b"\x00\xffthis is not a database at all\n" * 20,
    "short": b"SQLite",
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_database_is_reported_and_left_alone(
    damage: str, tmp_path: Path, policy: object
) -> None:
    home = tmp_path / "ws"
    Workspace(home, policy).close()  # type: ignore[arg-type]
    target = home / DB_FILE
    for suffix in ("-wal", "-shm"):
        target.with_name(DB_FILE + suffix).unlink(missing_ok=True)
    target.write_bytes(DAMAGE[damage])
    before = _digest(target)
    with pytest.raises(WorkspaceCorrupt) as caught:
        Workspace(home, policy)  # type: ignore[arg-type]
    assert str(target) in str(caught.value) and "never replaced" in str(caught.value)
    env = {"HOTLINE_DESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    (tmp_path / "none.jsonl").write_text("")
    for args in (
        ("sync",),
        ("orders", "export", str(tmp_path / "out.jsonl")),
        ("orders", "import", str(tmp_path / "none.jsonl")),
        ("kb", "search", "噪音"),
        ("drills", "export", "-"),
        ("attention",),
        ("report", "--period", "2026-11", "--csv", str(tmp_path / "r.csv")),
        ("--smoke-test",),
    ):
        r = cli(*args, env=env)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert "Traceback" not in r.stderr, args
        assert str(target) in r.stderr and "left exactly as it is" in r.stderr, args
        assert _digest(target) == before, args
    assert sorted(p.name for p in home.iterdir()) == [DB_FILE]


def test_a_database_damaged_inside_is_reported_and_left_alone(
    tmp_path: Path, policy: object
) -> None:
    home = tmp_path / "ws"
    Workspace(home, policy).close()  # type: ignore[arg-type]
    target = home / DB_FILE
    data = bytearray(target.read_bytes())
    data[100 : len(data)] = b"\xa5" * (len(data) - 100)  # the header stays, the pages do not
    target.write_bytes(bytes(data))
    before = _digest(target)
    r = cli("sync", env={"HOTLINE_DESK_HOME": str(home)})
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert "is damaged" in r.stderr
    assert _digest(target) == before


@pytest.mark.parametrize("content", [b"", b"\x00\xff\xfegarbage", b"[window\ngeometry"])
def test_unreadable_settings_are_reported_and_left_alone(
    content: bytes, tmp_path: Path, policy: object
) -> None:
    home = tmp_path / "ws"
    Workspace(home, policy).close()  # type: ignore[arg-type]
    settings = home / "settings.ini"
    settings.write_bytes(content)
    r = cli("--smoke-test", env={"HOTLINE_DESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0, r.stderr  # the desk still starts
    assert "settings" in r.stderr and "left as it is" in r.stderr
    assert settings.read_bytes() == content

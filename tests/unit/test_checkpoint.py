"""Deferred WAL checkpoints: commits stay small, a passive checkpoint copies the WAL back."""

from __future__ import annotations

from app.models.enums import AppealType, Channel, Role, Urgency
from app.models.operations import Actor
from app.models.records import Appellant, Intake
from app.store.db import Database
from app.store.workspace import DB_FILE


def test_checkpoint_copies_the_wal_into_the_database(workspace) -> None:
    workspace.defer_checkpoints()
    assert workspace.database.scalar("PRAGMA wal_autocheckpoint") == 0
    actor = Actor("op", Role.OPERATOR, workspace.device_id)
    for i in range(30):
        intake = Intake(
            Appellant(f"1380000{i:04d}"),
            AppealType.HELP,
            Urgency.NORMAL,
            Channel.PHONE,
            "A0301",
            "shiqi",
            "",
            f"诉求{i}",
            "内容" * 200,
            workspace.clock(),
        )
        workspace.record_intake(intake, actor)
    wal = workspace.home / (DB_FILE + "-wal")
    before = wal.stat().st_size
    assert before > 0
    workspace.checkpoint()
    busy, log_frames, checkpointed = workspace.reader().database.query(
        "PRAGMA wal_checkpoint(PASSIVE)"
    )[0]
    assert busy == 0 and checkpointed == log_frames  # everything is in the database file
    other = Database(workspace.home / DB_FILE)
    assert other.scalar("SELECT COUNT(*) FROM orders") == 30
    other.close()

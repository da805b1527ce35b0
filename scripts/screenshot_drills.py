"""The drill screens for the user guide (called by scripts/screenshots.py): a set generated
from the knowledge base, a few trainees' attempts, an answered scenario, the operator's
progress, the trainer's dashboard and the set builder."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from app.models.drills import Answer, Selection, grade
from app.models.enums import Role
from app.models.operations import Actor
from app.operations import drills as drill_ops
from app.store.drills.sets import DrillStore
from app.views.drills.page import DrillPage
from app.views.drills.trainer import TrainerPage

SET_NAME = "水电气·新人必练"
TRAINEES = ("李佳怡", "黄志强", "何嘉欣")


def shoot_drills(app: QApplication, window: Any, out: Path, suffix: str, now: datetime) -> None:
    workspace = window.workspace
    identity = window.identity
    store = DrillStore(workspace.database, clock=workspace.clock)
    drill_ops.generate_set(workspace, SET_NAME, Selection(("A02",)))
    scenarios = store.scenarios(SET_NAME)
    for n, user in enumerate(TRAINEES):
        for i, s in enumerate(scenarios[:12]):
            right = (i + n) % 3 != 0
            when = now - timedelta(days=3, minutes=i * 3)
            chosen = s.articles[0] if right else scenarios[-1].articles[0]
            answer = Answer(chosen, s.appeal_type, s.unit if (i + n) % 4 else "")
            started = when - timedelta(seconds=9 + (i * 7 + n * 11) % 50)
            attempt = grade(s, answer, user=user, started=started, answered_at=when)
            store.record_attempt(attempt, Actor(user, Role.OPERATOR, workspace.device_id))

    def settle(rounds: int = 10) -> None:
        for _ in range(rounds):
            app.processEvents()

    identity.switch(next(a for a in identity.choices if a.role is Role.OPERATOR))
    page = window.show_page("drills")
    assert isinstance(page, DrillPage)
    page.refresh()
    page.next_item()
    scenario = page.scenario
    assert scenario is not None
    page.search.line.setText("停水")
    page.search.search_now()
    window.tasks.wait()
    settle(20)
    page.choose_article(page.search.hits.current_id())
    page.appeal_type.setCurrentIndex(page.appeal_type.findData(scenario.appeal_type.value))
    page.started = now - timedelta(seconds=23)
    page.submit()
    settle()
    window.grab().save(str(out / f"drills{suffix}.png"))
    page.tabs.setCurrentIndex(1)
    settle()
    window.grab().save(str(out / f"drills-progress{suffix}.png"))
    page.tabs.setCurrentIndex(0)

    identity.switch(next(a for a in identity.choices if a.role is Role.TRAINER))
    trainer = window.show_page("drill_trainer")
    assert isinstance(trainer, TrainerPage)
    trainer.refresh()
    settle()
    window.grab().save(str(out / f"drills-dashboard{suffix}.png"))
    trainer.tabs.setCurrentIndex(1)
    trainer.set_name.setEditText(SET_NAME)
    settle()
    window.grab().save(str(out / f"drills-sets{suffix}.png"))

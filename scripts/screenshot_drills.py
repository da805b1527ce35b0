"""The drill screens for the user guide (called by scripts/screenshots.py), on the demo
workspace's own drill sets and trainees' attempts: an answered scenario, the operator's
progress, the trainer's dashboard and the set builder."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from app.models.enums import Role
from app.views.drills.page import DrillPage
from app.views.drills.trainer import TrainerPage

SET_NAME = "新人必练"  # the demo's own set (app/store/demo/drills.py), with its attempts


def shoot_drills(app: QApplication, window: Any, out: Path, suffix: str, now: datetime) -> None:
    identity = window.identity

    def settle(rounds: int = 10) -> None:
        for _ in range(rounds):
            app.processEvents()

    # the demo's operator, a week into drilling: a progress tab with figures
    identity.switch(next(a for a in identity.choices if a.user == "demo-operator"))
    page = window.show_page("drills")
    assert isinstance(page, DrillPage)
    page.refresh()
    page.next_item()
    scenario = page.scenario
    assert scenario is not None
    article = window.workspace.knowledge().get(scenario.articles[0])
    page.search.line.setText(article.keywords[0] if article.keywords else article.title[:4])
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

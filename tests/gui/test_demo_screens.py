"""The demo workspace on screen, as `hotline-desk --demo` opens it: a demo user for every
role, the trainer's dashboard with figures, a drill set for the operator to start, the
follow-up desk's user on the follow-up queue, hot spots on the reports screen."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication

from app.models.enums import Role
from app.models.operations import Actor
from app.models.policy import Policy
from app.store.demo.generator import seed_demo
from app.store.workspace import Workspace
from app.views.drills.page import DrillPage
from app.views.drills.trainer import TrainerPage
from app.views.followup.page import FollowUpPage
from app.views.shell.identity import Identity, workspace_identity
from app.views.shell.main_window import MainWindow
from app.views.shell.status_bar import SyncSnapshot
from tests.support.clock import NOW, FixedClock


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory, policy: Policy) -> Path:
    home = tmp_path_factory.mktemp("demo-screens")
    ws = Workspace(home, policy, clock=FixedClock(NOW))
    seed_demo(ws, orders=600, days=60)
    ws.close()
    return home


@pytest.fixture
def demo(qtbot, demo_home: Path, policy: Policy, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    ws = Workspace(demo_home, policy, clock=FixedClock(NOW))
    identity = workspace_identity(ws, lambda: Actor("nobody", Role.OPERATOR, ws.device_id))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)

    def snapshot() -> SyncSnapshot:
        actor = identity()
        return SyncSnapshot("signed_out", 0, "", actor.user, actor.role)

    win = MainWindow(ws, identity, snapshot, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    ws.close()


def _switch(window: MainWindow, user: str) -> None:
    identity = window.identity
    assert isinstance(identity, Identity)
    identity.switch(next(a for a in identity.choices if a.user == user))


def test_every_role_has_a_demo_user(demo: MainWindow) -> None:
    identity = demo.identity
    assert isinstance(identity, Identity)
    roles = {a.role for a in identity.choices}
    assert {Role.OPERATOR, Role.DISPATCHER, Role.UNIT, Role.TRAINER, Role.ANALYST} <= roles
    assert "demo-followup" in {a.user for a in identity.choices}
    assert demo.switcher is not None
    labels = [demo.switcher.itemText(i) for i in range(demo.switcher.count())]
    assert len(labels) == len(set(labels))  # each demo user can be told apart


def test_the_trainers_dashboard_has_figures(demo: MainWindow) -> None:
    _switch(demo, "demo-trainer")
    page = demo.stack.currentWidget()
    assert isinstance(page, TrainerPage)
    rows = page.figures_model.rows
    trainees = {row[0] for row in rows}
    assert len(trainees) >= 5 and "demo-operator" in trainees
    assert sum(int(row[2]) for row in rows) >= 200  # weeks of attempts
    assert page.missed_model.rows  # some scenarios are missed more than others
    sets = [page.filter.itemData(i) for i in range(page.filter.count())]
    assert "新人必练" in sets and "社保与就业" in sets


def test_the_operator_has_a_set_to_start(qtbot, demo: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _switch(demo, "demo-operator")
    demo.actions_by_id["page_drills"].trigger()
    page = demo.stack.currentWidget()
    assert isinstance(page, DrillPage)
    assert page.set_combo.count() >= 2
    assert page.scenario is not None
    assert page.scenario.text in page.caller.text()
    kb = demo.workspace.knowledge()
    article = kb.get(page.scenario.articles[0])
    assert article is not None and page.scenario.text not in article.questions


def test_the_follow_up_user_starts_on_the_follow_up_queue(demo: MainWindow) -> None:
    _switch(demo, "demo-followup")
    page = demo.stack.currentWidget()
    assert isinstance(page, FollowUpPage)
    _switch(demo, "demo-dispatcher")
    assert not isinstance(demo.stack.currentWidget(), FollowUpPage)


def test_a_session_on_the_demo_set_moves_between_articles(demo: MainWindow) -> None:
    _switch(demo, "demo-operator")
    demo.actions_by_id["page_drills"].trigger()
    page = demo.stack.currentWidget()
    assert isinstance(page, DrillPage)
    asked = []
    for n in range(6):
        scenario = page.scenario
        assert scenario is not None
        asked.append(scenario.articles[0])
        # right or wrong by turns: a missed scenario is due again within minutes
        page.choose_article(scenario.articles[0] if n % 2 else "kb-0001")
        page.submit()
        page.next_item()
    assert all(a != b for a, b in itertools.pairwise(asked)), asked

"""The work screens of each role, for scripts/screenshots.py (dispatcher, unit, follow-up).

Before shooting, a few orders of the demo workspace are walked one step further through the
real chain (a return, an extension request, a reply, a likely duplicate) so every queue has
something to show.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from app.models.enums import ReturnReason, Role
from app.models.operations import Actor
from app.models.rules import RuleViolation
from app.operations import unit
from app.store.workspace import Workspace


def demo_activity(workspace: Workspace, choices: tuple[Actor, ...]) -> None:
    """A return, an extension request, a reply and a repeat appeal, by the demo users."""
    units = {a.unit: a for a in choices if a.role is Role.UNIT}
    rows = workspace.database.query(
        "SELECT id, status, lead_unit FROM orders WHERE status IN ('dispatched', 'handling') "
        "ORDER BY received_at DESC"
    )
    steps: list[Callable[[Actor, str], Any]] = [
        lambda a, i: unit.request_return(
            workspace, i, a, ReturnReason.WRONG_TERRITORY, "该地址属相邻镇街"
        ),
        lambda a, i: unit.request_extension(
            workspace, i, a, 5, "需协调供电、燃气等多家单位现场核查"
        ),
        lambda a, i: unit.reply(
            workspace,
            i,
            a,
            text="已派员现场核查并处理，已电话告知诉求人。",
            contacted=True,
            resolved=True,
        ),
    ]
    for row in rows:
        actor = units.get(str(row["lead_unit"]))
        if actor is None or not steps:
            continue
        try:
            if row["status"] == "dispatched":
                unit.sign(workspace, str(row["id"]), actor)
            steps[0](actor, str(row["id"]))
        except RuleViolation:
            continue
        steps.pop(0)


def shoot_roles(app: QApplication, window: Any, out: Path, suffix: str) -> None:
    identity = window.identity
    workspace: Workspace = window.workspace
    demo_activity(workspace, identity.choices)

    def settle(rounds: int = 10) -> None:
        for _ in range(rounds):
            app.processEvents()

    def act_as(role: Role, unit: str = "") -> None:
        identity.switch(
            next(a for a in identity.choices if a.role is role and (not unit or a.unit == unit))
        )
        settle()

    act_as(Role.DISPATCHER)
    page = window.show_page("dispatch")
    settle()
    window.grab().save(str(out / f"dispatch{suffix}.png"))
    page.dispatch()
    settle()
    page.dialog.grab().save(str(out / f"dispatch-dialog{suffix}.png"))
    page.dialog.reject()
    page.tabs.setCurrentIndex(1)
    settle()
    window.grab().save(str(out / f"dispatch-requests{suffix}.png"))
    page.tabs.setCurrentIndex(0)

    act_as(Role.UNIT, "cgj")
    unit_page = window.show_page("unit")
    settle()
    window.grab().save(str(out / f"unit{suffix}.png"))
    if unit_page.buttons["reply_order"].isEnabled():
        unit_page.reply()
        settle()
        unit_page.dialog.grab().save(str(out / f"unit-reply{suffix}.png"))
        unit_page.dialog.reject()

    act_as(Role.OPERATOR)
    window.show_page("follow_up")
    settle()
    window.grab().save(str(out / f"follow-up{suffix}.png"))

    # A repeat of an open appeal, typed at intake: the duplicate shows beside the form.
    row = workspace.database.query(
        "SELECT town, title FROM orders WHERE is_open = 1 AND status = 'handling' "
        "AND length(title) > 8 ORDER BY received_at DESC LIMIT 1"
    )[0]
    window.new_intake("13800138000")
    intake = window.intake
    intake.town.select_code(str(row["town"]))
    intake.title.setText(str(row["title"]))
    extras = window.panels["duplicates"]
    extras.refresh()
    window.tasks.wait()
    settle(20)
    window.grab().save(str(out / f"intake-duplicates{suffix}.png"))
    window.new_intake()

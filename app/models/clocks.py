"""The clock an order runs against right now: time to dispatch, to sign, or to reply.

Each step has its own limit in working days (the reply limit per appeal type, and the
city's stage limits for dispatch and signing, all in policy data). A clock is never later
than the reply deadline itself, so an urgent order's 2-hour limit shows on every step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from app.models.deadlines import END_OF_DAY, ReplyLimits, WorkCalendar, add_working_days
from app.models.deadlines import working_days_left as _days_left
from app.models.enums import Status


class Stage(StrEnum):
    DISPATCH = "dispatch"  # 待派单: the centre must dispatch
    SIGN = "sign"  # 待签收: the lead unit must sign
    REPLY = "reply"  # 办理中 … 待办结: the reply deadline


class Level(StrEnum):
    OK = "ok"
    NEAR = "near"  # due the next working day
    TODAY = "today"  # due today (or within hours)
    OVER = "over"  # past due


STAGE_OF: dict[Status, Stage] = {
    Status.RECEIVED: Stage.DISPATCH,
    Status.DISPATCHED: Stage.SIGN,
    Status.HANDLING: Stage.REPLY,
    Status.RETURN_PENDING: Stage.REPLY,
    Status.REPLIED: Stage.REPLY,
    Status.REVIEWED: Stage.REPLY,
}


@dataclass(frozen=True)
class StageClock:
    stage: Stage
    due: datetime
    days_left: int  # working days; 0 on the due day, negative once past
    hours_left: float  # clock hours until due; negative once past
    level: Level


def stage_due(
    stage: Stage,
    *,
    received_at: datetime,
    dispatched_at: datetime | None,
    deadline: datetime,
    limits: ReplyLimits,
    calendar: WorkCalendar,
) -> datetime:
    """When the current step is due (never later than the reply deadline)."""
    if stage is Stage.REPLY:
        return deadline
    start = received_at if stage is Stage.DISPATCH or dispatched_at is None else dispatched_at
    days = int(limits.stages.get(stage.value, 1))
    day = add_working_days(start.date(), days, calendar).day
    due = datetime.combine(day, END_OF_DAY, tzinfo=start.tzinfo)
    return min(due, deadline)


def stage_clock(
    status: Status,
    *,
    received_at: datetime,
    dispatched_at: datetime | None,
    deadline: datetime,
    now: datetime,
    limits: ReplyLimits,
    calendar: WorkCalendar,
) -> StageClock | None:
    """The running clock of an open order, or None when nothing is due (closed, merged …)."""
    stage = STAGE_OF.get(status)
    if stage is None:
        return None
    due = stage_due(
        stage,
        received_at=received_at,
        dispatched_at=dispatched_at,
        deadline=deadline,
        limits=limits,
        calendar=calendar,
    )
    hours = (due - now).total_seconds() / 3600
    days = _days_left(now, due, calendar)
    if hours < 0:
        level = Level.OVER
    elif days <= 0 or hours < 8:
        level = Level.TODAY
    elif days == 1:
        level = Level.NEAR
    else:
        level = Level.OK
    return StageClock(stage, due, days, hours, level)

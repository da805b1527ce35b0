"""A clock the test moves by hand, and the moment most tests stand at."""

from __future__ import annotations

from datetime import datetime

from app.models.clock import CHINA

# Friday 27 November 2026, 10:30 in China: the working days and deadlines around it are known.
NOW = datetime(2026, 11, 27, 10, 30, tzinfo=CHINA)


class FixedClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

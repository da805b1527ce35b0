"""The deadline clocks' colours, in one place: every one reads as text on the tables' white
and alternating rows at WCAG AA (4.5:1 or more; tests/gui/test_colour_contrast.py measures
them). The hue says how urgent; the text beside it always says how much time is left."""

from __future__ import annotations

OVERDUE = "#b71c1c"  # red: past the deadline
DUE_TODAY = "#a84300"  # deep orange: due today / within the day
DUE_SOON = "#7a5c00"  # dark amber: due within a working day or two
ON_TIME = "#1b5e20"  # green: time enough

CLOCK_COLOURS = (OVERDUE, DUE_TODAY, DUE_SOON, ON_TIME)

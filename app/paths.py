"""Where a workstation keeps its data: HOTLINE_DESK_HOME, or the platform's data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "HOTLINE_DESK_HOME"


def workspace_home(explicit: str | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    import platformdirs  # only when no folder is given (saves its import at start-up)

    return Path(platformdirs.user_data_dir("HotlineDesk", appauthor=False))

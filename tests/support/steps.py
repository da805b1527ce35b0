"""The chain's operations on one workspace, each returning the order it moved: how tests set
up an order's history by the other roles (the operations themselves: app/operations)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.operations import dispatch, followup, intake, unit
from app.store.workspace import Workspace

OPERATIONS: dict[str, Callable[..., Any]] = {
    name: getattr(module, name)
    for module, names in (
        (intake, ("transfer", "record_and_transfer", "attach_caller", "flag")),
        (
            dispatch,
            (
                "dispatch",
                "rule_return",
                "rule_extension",
                "rule_unreasonable",
                "review",
                "close",
                "supervise",
                "merge",
            ),
        ),
        (
            unit,
            ("sign", "reply", "request_extension", "request_return", "request_unreasonable"),
        ),
        (followup, ("follow_up", "reopen")),
    )
    for name in names
}


class Steps:
    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace

    def __getattr__(self, name: str) -> Callable[..., Any]:
        operation = OPERATIONS[name]
        return lambda *args, **kwargs: operation(self.ws, *args, **kwargs).value

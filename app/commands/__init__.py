"""Command-line subcommands of hotline-desk, one module per group.

Each module exposes `register(subparsers)`, adding its parser with `func=` set to a
callable taking the parsed arguments and returning an exit code.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence

MODULES = (
    "app.commands.call",
    "app.commands.sync",
    "app.commands.orders",
    "app.commands.kb",
    "app.commands.report",
    "app.commands.drills",
    "app.commands.workspace",
)
# The subcommands each module registers (tests/unit/test_commands.py keeps this true), so
# a command line loads only the module of its command, and starting the app none at all.
COMMANDS = {
    "call": "app.commands.call",
    "login": "app.commands.sync",
    "logout": "app.commands.sync",
    "sync": "app.commands.sync",
    "attention": "app.commands.sync",
    "outbox": "app.commands.sync",
    "orders": "app.commands.orders",
    "kb": "app.commands.kb",
    "report": "app.commands.report",
    "drills": "app.commands.drills",
    "workspace": "app.commands.workspace",
}


def register_all(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    modules: Sequence[str] = MODULES,
) -> None:
    for name in modules:
        importlib.import_module(name).register(subparsers)


def modules_for(rest: Sequence[str]) -> tuple[str, ...]:
    """The command modules to register for what is left of a command line once the
    top-level options are taken out: the named command's, none without a command, and
    all of them for help or a name that is not a command (so argparse can list them)."""
    if any(arg in ("-h", "--help") for arg in rest):
        return MODULES
    command = next((arg for arg in rest if not arg.startswith("-")), None)
    if command is None:
        return ()
    module = COMMANDS.get(command)
    return (module,) if module is not None else MODULES

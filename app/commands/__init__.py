"""Command-line subcommands of hotline-desk, one module per group.

Each module exposes `register(subparsers)`, adding its parser with `func=` set to a
callable taking the parsed arguments and returning an exit code.
"""

from __future__ import annotations

import argparse
import importlib

MODULES = (
    "app.commands.call",
    "app.commands.sync",
    "app.commands.orders",
    "app.commands.kb",
    "app.commands.report",
    "app.commands.drills",
)


def register_all(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for name in MODULES:
        importlib.import_module(name).register(subparsers)

"""The composition root: parse the command line, open the workspace, start what was asked."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from app.commands import MODULES, modules_for, register_all
from app.paths import OWNER_ONLY_UMASK


def _top_level(add_help: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hotline-desk",
        description="Hotline Desk (热线工作台) for 12345 operators",
        add_help=add_help,
    )
    parser.add_argument("--home", help="workspace folder (default: $HOTLINE_DESK_HOME)")
    parser.add_argument(
        "--demo", action="store_true", help="seed an empty workspace with demo orders"
    )
    parser.add_argument(
        "--smoke-test", action="store_true", help="start, show the main window, report, exit 0"
    )
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="interface language")
    return parser


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line; given `argv`, with only the subcommands it may need: a start of
    the app loads none of the command modules."""
    modules = MODULES
    if argv is not None:
        _, rest = _top_level(add_help=False).parse_known_args(list(argv))
        modules = modules_for(rest)
    parser = _top_level()
    subparsers = parser.add_subparsers(dest="command")
    register_all(subparsers, modules)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Starting allocates a great deal and frees little: no cyclic garbage collection until
    # the window is up (dozens of collections would find nothing to free);
    # launch.freeze_startup_objects collects once and turns it back on. Commands run with
    # it on.
    if os.name == "posix":
        # Every file this process makes is its owner's only (the workspace holds personal
        # data; SQLite makes its -wal and -shm whenever it needs them); see app.paths.
        os.umask(OWNER_ONLY_UMASK)
    collecting = gc.isenabled()
    gc.disable()
    try:
        arguments = list(argv) if argv is not None else sys.argv[1:]
        parser = build_parser(arguments)
        args = parser.parse_args(arguments)
        func = getattr(args, "func", None)
        if func is not None:
            if collecting:
                gc.enable()
            return int(func(args))
        from app.views.shell.launch import run_gui

        return run_gui(args)
    finally:
        if collecting:
            gc.enable()

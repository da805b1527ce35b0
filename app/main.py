"""The composition root: parse the command line, open the workspace, start what was asked."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app.commands import register_all


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hotline-desk", description="Hotline Desk (热线工作台) for 12345 operators"
    )
    parser.add_argument("--home", help="workspace folder (default: $HOTLINE_DESK_HOME)")
    parser.add_argument(
        "--demo", action="store_true", help="seed an empty workspace with demo orders"
    )
    parser.add_argument(
        "--smoke-test", action="store_true", help="start, show the main window, report, exit 0"
    )
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="interface language")
    subparsers = parser.add_subparsers(dest="command")
    register_all(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv) if argv is not None else sys.argv[1:])
    func = getattr(args, "func", None)
    if func is not None:
        return int(func(args))
    from app.views.launch import run_gui

    return run_gui(args)

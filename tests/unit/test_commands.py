"""The command line loads only the module of the command it names (a start loads none)."""

from __future__ import annotations

import argparse
import importlib

import pytest

from app.commands import COMMANDS, MODULES, modules_for
from app.main import build_parser


def test_commands_table_names_what_each_module_registers() -> None:
    registered: dict[str, str] = {}
    for module in MODULES:
        parser = argparse.ArgumentParser()
        subparsers = parser.add_subparsers(dest="command")
        importlib.import_module(module).register(subparsers)
        registered.update(dict.fromkeys(subparsers.choices, module))
    assert registered == COMMANDS


@pytest.mark.parametrize(
    ("argv", "modules"),
    [
        ([], ()),
        (["--smoke-test"], ()),
        (["--home", "kb", "--lang", "en"], ()),
        (["--demo", "call", "13800001234"], ("app.commands.call",)),
        (["--home", "/tmp/x", "login", "--server", "s", "--user", "u"], ("app.commands.sync",)),
        (["kb", "search", "shebao", "--limit", "1"], ("app.commands.kb",)),
        (["--help"], MODULES),
        (["kb", "-h"], MODULES),
        (["no-such-command"], MODULES),
    ],
)
def test_modules_for_a_command_line(argv: list[str], modules: tuple[str, ...]) -> None:
    assert build_parser(argv) is not None
    from app.main import _top_level

    _, rest = _top_level(add_help=False).parse_known_args(argv)
    assert modules_for(rest) == modules


def test_a_command_parses_as_before() -> None:
    argv = ["--home", "/tmp/ws", "report", "--period", "2026-11", "--scope", "city"]
    args = build_parser(argv).parse_args(argv)
    assert args.command == "report" and args.home == "/tmp/ws" and callable(args.func)
    assert build_parser().parse_args(argv).command == "report"  # every command registered


def test_plain_start_has_no_command() -> None:
    args = build_parser(["--smoke-test"]).parse_args(["--smoke-test"])
    assert args.command is None and args.smoke_test and getattr(args, "func", None) is None

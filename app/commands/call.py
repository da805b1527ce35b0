"""`hotline-desk call PHONE`: the telephony hands an incoming number to the running app.

PHONE may be a tel: link: the desktop entry registers the app as the handler of tel:
links and runs `hotline-desk call %u` (with no link at all from the menu: the window
opens, or comes to the front)."""

from __future__ import annotations

import argparse

from app.models.telephony import call_number


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("call", help="open a new intake for an incoming call")
    parser.add_argument(
        "phone",
        nargs="?",
        default="",
        type=call_number,
        help="the caller's number as the telephony reports it, or a tel: link",
    )
    parser.set_defaults(func=None, gui_call=True)

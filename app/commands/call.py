"""`hotline-desk call PHONE`: the telephony hands an incoming number to the running app."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("call", help="open a new intake for an incoming call")
    parser.add_argument("phone", help="the caller's number as the telephony reports it")
    parser.set_defaults(func=None, gui_call=True)

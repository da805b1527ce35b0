"""Reading one JSON Lines record (app.models.jsonl): nesting, NUL and non-finite numbers are
refused by name. The importers that use it: tests/e2e/test_importers_hostile.py."""

from __future__ import annotations

import pytest

from app.models.jsonl import MAX_DEPTH, load_object


def test_load_object_bounds() -> None:
    assert load_object('{"a": [[{"b": "[[[[ not brackets ]]]]"}]]}')["a"][0][0]["b"]
    deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    with pytest.raises(ValueError, match="nested deeper"):
        load_object('{"a": ' + deep + "}")
    with pytest.raises(ValueError, match="NUL"):
        load_object('{"a\\u0000": 1}')
    with pytest.raises(ValueError, match="Infinity"):
        load_object('{"a": -Infinity}')
